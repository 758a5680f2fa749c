/**
 * A CSV tariff table refused for its request (the target version, its date, the table's source): the desktop
 * import shows the problems as the service says them, naming the thing (« la date d’effet »), never a flag;
 * the CLI says the same problems with its flags.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { importBytes } from '../../src/main/transfer/import';
import { ImportRejected, formatProblem, type ImportProblem } from '../../src/main/transfer/problems';
import type { CsvTarget } from '../../src/main/transfer/csv-tariffs';
import { grille } from '../cli/run';
import { TABLE_SOURCE, freshDb, withCatalogue } from './helpers';

const CSV = 'formule;segment;montant\nsecurite;jeune-actif;26,50\n';
const PRODUCT = 'interiale-cdg-sante';
const SOURCE = { file: TABLE_SOURCE.file, section: TABLE_SOURCE.section, lines: TABLE_SOURCE.lines, quote: TABLE_SOURCE.quote };

let db: string;
let csvFile: string;
beforeAll(async () => {
  db = await freshDb();
  csvFile = join(mkdtempSync(join(tmpdir(), 'grille-csv-wording-')), 'table.csv');
  writeFileSync(csvFile, CSV);
});

async function problems(target: Omit<CsvTarget, 'productId'>): Promise<ImportProblem[]> {
  const e = await withCatalogue(db, (cat) => importBytes(cat, Buffer.from(CSV), 'table.csv', { csv: { productId: PRODUCT, ...target } }).catch((x: unknown) => x));
  expect(e).toBeInstanceOf(ImportRejected);
  return (e as ImportRejected).problems;
}

const shown = (list: ImportProblem[]) => list.map(formatProblem).join('\n');

describe('the service speaks of the thing', () => {
  it('an unknown version without a date of effect', async () => {
    const list = await problems({ version: '2030', source: SOURCE });
    expect(shown(list)).toMatch(/version « 2030 » inconnue de interiale-cdg-sante .* donnez sa date d'effet \(AAAA-MM-JJ\)$/);
    expect(list[0]).toMatchObject({ input: 'version' });
    expect(shown(list)).not.toMatch(/--[a-z]/);
  });

  it('a date of effect that is not a date: the problem is at « la date d’effet »', async () => {
    const list = await problems({ version: '2030', effectiveFrom: '2030-13-01', source: SOURCE });
    expect(list).toContainEqual({ file: 'table.csv', path: 'la date d’effet', input: 'effectiveFrom', message: 'date attendue au format AAAA-MM-JJ, trouvé « 2030-13-01 »' });
    expect(shown(list)).not.toMatch(/--[a-z]/);
  });

  it('no source at all, and an incomplete source of the table', async () => {
    const none = await problems({ version: '2030', effectiveFrom: '2030-01-01' });
    expect(shown(none)).toMatch(/source absente : .* ou la source du tableau entier \(fichier, section, lignes et citation\)/);
    const partial = await problems({ version: '2030', effectiveFrom: '2030-01-01', source: { file: SOURCE.file } });
    expect(shown(partial)).toMatch(/source du tableau incomplète : la section, les lignes \(ex\. 220-228\), la citation/);
    expect(shown([...none, ...partial])).not.toMatch(/--[a-z]/);
  });

  it('new-version inputs given for a version that exists, and a period that is not one', async () => {
    const list = await problems({ version: '2026', label: 'Tarifs', period: 'semaine', source: SOURCE });
    expect(shown(list)).toMatch(/la version 2026 existe déjà : la date d’effet, le libellé, le document et la référence ne servent qu'à créer une nouvelle version/);
    expect(list).toContainEqual(expect.objectContaining({ path: 'la période des montants', input: 'period', message: 'mois ou an attendu, trouvé « semaine »' }));
    expect(shown(list)).not.toMatch(/--[a-z]/);
  });
});

describe('the CLI says the same problems with its flags', () => {
  const run = (args: string[]) => grille(['import', csvFile, '--product', PRODUCT, '--db', db, ...args]);
  const withSource = ['--source-file', SOURCE.file, '--source-section', SOURCE.section, '--source-lines', SOURCE.lines, '--source-quote', SOURCE.quote];

  it('an unknown version: « donnez sa date d’effet avec --effective-from AAAA-MM-JJ »', () => {
    const r = run(['--version', '2030', ...withSource]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/table\.csv, option --version : version « 2030 » inconnue .* donnez sa date d'effet avec --effective-from AAAA-MM-JJ$/m);
  });

  it('a bad date of effect is at « option --effective-from »', () => {
    const r = run(['--version', '2030', '--effective-from', '2030-13-01', ...withSource]);
    expect(r.stderr).toMatch(/table\.csv, option --effective-from : date attendue au format AAAA-MM-JJ, trouvé « 2030-13-01 »/);
  });

  it('no source: the four --source-* options; an incomplete one: those missing', () => {
    expect(run(['--version', '2030', '--effective-from', '2030-01-01']).stderr).toMatch(/ou les options --source-file, --source-section, --source-lines et --source-quote$/m);
    expect(run(['--version', '2030', '--effective-from', '2030-01-01', '--source-file', SOURCE.file]).stderr).toMatch(
      /option --source-\* : source du tableau incomplète : --source-section, --source-lines \(ex\. 220-228\), --source-quote$/m,
    );
  });

  it('new-version options for a stored version, and a bad --period', () => {
    const r = run(['--version', '2026', '--label', 'Tarifs', '--period', 'semaine', ...withSource]);
    expect(r.stderr).toMatch(/la version 2026 existe déjà : --effective-from, --label, --document et --reference ne servent qu'à créer une nouvelle version/);
    expect(r.stderr).toMatch(/option --period : mois ou an attendu, trouvé « semaine »/);
  });
});
