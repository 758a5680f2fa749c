/**
 * The corpus of malformed files (test/fixtures/malformed, written by test/fixtures/make-malformed.ts):
 * each is refused with the problems planted in it — every one listed, at its sheet, row and column or
 * JSON path — and the database is byte-for-byte unchanged afterwards.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { SHEETS, columnLetter } from '../../src/main/transfer/layout';
import { importBytes } from '../../src/main/transfer/import';
import { ImportRejected, type ImportProblem } from '../../src/main/transfer/problems';
import { stringifyPackage } from '../../src/main/transfer/json-package';
import { grille } from '../cli/run';
import { essaiPackage, essaiProduct, malformedFixtures, MALFORMED_DIR } from '../fixtures/make-malformed';
import { TABLE_SOURCE, dbBytes, freshDb, withCatalogue } from './helpers';

/** "G (montant (€))": the column of a header in the template (layout.ts), as problems name it. */
function col(sheet: string, header: string): string {
  const i = SHEETS.find((s) => s.name === sheet)!.columns.findIndex((c) => c.header === header);
  if (i < 0) throw new Error(`${sheet}: ${header}`);
  return `${columnLetter(i + 1)} (${header})`;
}

type Expected = Omit<ImportProblem, 'file' | 'message'> & { message: RegExp };
interface Case {
  expect: Expected[];
  /** CSV: where the table goes */
  csv?: { version: string; effectiveFrom?: string; source?: boolean };
}

const TARIFFS = essaiProduct().tariffs.length; // rows 2..TARIFFS+1 of the tarifs sheet
const lineOf = (text: string, offset: number) => text.slice(0, offset).split('\n').length;
const packageText = stringifyPackage(essaiPackage());
const NEW_VERSION = { version: '2027', effectiveFrom: '2027-01-01', source: true };

const CASES: Record<string, Case> = {
  // ---- JSON packages (paths in the package)
  'json-truncated.json': { expect: [{ row: lineOf(packageText, 500), message: /^JSON invalide/ }] },
  'json-wrong-format.json': { expect: [{ message: /« format » : "grille-catalogue" attendu, trouvé "autre-logiciel"/ }] },
  'json-newer-version.json': { expect: [{ message: /« formatVersion » 2 : paquet écrit par une version plus récente/ }] },
  'json-no-products.json': { expect: [{ message: /« products » : une liste d’au moins un produit/ }] },
  'json-text-amount.json': { expect: [{ path: 'products[0].tariffs[0].amountCents', message: /nombre attendu, chaîne de caractères reçu/ }] },
  'json-negative-amount.json': { expect: [{ path: 'products[0].tariffs[1].amountCents', message: />=0/ }] },
  'json-absurd-amount.json': { expect: [{ path: 'products[0].tariffs[2].amountCents', message: /montant invraisemblable : 135 300 000,00 €/ }] },
  'json-unknown-formula.json': { expect: [{ path: 'products[0].tariffs[3].formula', message: /formule platine inconnue/ }] },
  'json-duplicate-cell.json': {
    expect: [{ path: `products[0].tariffs[${TARIFFS}]`, message: /cellule de tarif en double \(2025 \/ securite \/ jeune-actif\) .*products\[0\]\.tariffs\[0\]/ }],
  },
  'json-missing-source.json': { expect: [{ path: 'products[0].tariffs[4].source', message: /source absente/ }] },
  'json-unknown-key.json': { expect: [{ path: 'products[0].product', message: /"prix"/ }] },
  'json-impossible-date.json': { expect: [{ path: 'products[0].versions[1].effectiveFrom', message: /date impossible/ }] },
  'json-existing-product.json': { expect: [{ path: 'products[0].product.name', message: /interiale-cdg-sante existe déjà au catalogue .*ne modifie ni ne fusionne/ }] },
  'json-many-errors.json': {
    expect: [
      { path: 'products[0].tariffs[0].amountCents', message: /nombre attendu/ },
      { path: 'products[0].tariffs[5].segment', message: /segment senior inconnu/ },
      { path: 'products[0].versions[0].document', message: /document annexe-9 inconnu/ },
    ],
  },
  'json-latin1.json': { expect: [{ row: lineOf(packageText, packageText.search(/[^ -~\s]/)), message: /encodage invalide : le fichier n'est pas en UTF-8/ }] },

  // ---- Excel templates (sheet, row, column)
  'xlsx-truncated.xlsx': { expect: [{ message: /archive zip tronquée/ }] },
  'xlsx-not-a-zip.xlsx': { expect: [{ message: /pas une archive zip/ }] },
  'xlsx-old-xls-format.xlsx': { expect: [{ message: /Excel 97-2003 \(\.xls\)/ }] },
  'xlsx-zip-bomb.xlsx': { expect: [{ message: /taille décompressée déclarée supérieure à .* avant décompression \(bombe zip \?\)/ }] },
  'xlsx-lying-entry-size.xlsx': { expect: [{ message: /se décompresse au-delà de sa taille déclarée \(1000 octets\)/ }] },
  'xlsx-too-many-entries.xlsx': { expect: [{ message: /archive zip de \d+ fichiers : au plus 256/ }] },
  'xlsx-encrypted-entry.xlsx': { expect: [{ message: /chiffré ou protégé par mot de passe/ }] },
  'xlsx-hidden-entry.xlsx': { expect: [{ message: /données non répertoriées/ }] },
  'xlsx-wrong-headers.xlsx': {
    expect: [
      { sheet: 'tarifs', row: 1, column: 'G', message: /colonne inconnue « prix »/ },
      { sheet: 'tarifs', row: 1, message: /colonne obligatoire « montant \(€\) » absente/ },
    ],
  },
  'xlsx-text-amount.xlsx': { expect: [{ sheet: 'tarifs', row: 2, column: col('tarifs', 'montant (€)'), message: /montant en euros attendu .*« vingt-trois euros »/ }] },
  'xlsx-negative-amount.xlsx': { expect: [{ sheet: 'tarifs', row: 3, column: col('tarifs', 'montant (€)'), message: /montant négatif \(-34,05 €\)/ }] },
  'xlsx-absurd-amount.xlsx': { expect: [{ sheet: 'tarifs', row: 4, column: col('tarifs', 'montant (€)'), message: /montant invraisemblable : 1 353 000,00 €/ }] },
  'xlsx-three-decimals.xlsx': { expect: [{ sheet: 'tarifs', row: 5, column: col('tarifs', 'montant (€)'), message: /deux décimales au plus .*65,305/ }] },
  'xlsx-unknown-formula.xlsx': { expect: [{ sheet: 'tarifs', row: 6, column: col('tarifs', 'formule'), message: /formule platine inconnue/ }] },
  'xlsx-duplicate-rows.xlsx': { expect: [{ sheet: 'tarifs', row: TARIFFS + 2, message: /cellule de tarif en double .*ligne 2$/ }] },
  'xlsx-unknown-source.xlsx': { expect: [{ sheet: 'tarifs', row: 7, column: col('tarifs', 'source'), message: /source « S999 » absente de la feuille sources/ }] },
  'xlsx-missing-source.xlsx': { expect: [{ sheet: 'versions', row: 2, column: col('versions', 'source'), message: /valeur obligatoire .*chaque valeur a sa source/ }] },
  'xlsx-formula-without-value.xlsx': { expect: [{ sheet: 'tarifs', row: 8, column: col('tarifs', 'montant (€)'), message: /formule sans valeur enregistrée/ }] },
  'xlsx-formula-error-value.xlsx': { expect: [{ sheet: 'tarifs', row: 9, column: col('tarifs', 'montant (€)'), message: /formule sans valeur enregistrée utilisable \(valeur absente ou erreur/ }] },
  'xlsx-huge-cell.xlsx': { expect: [{ sheet: 'produit', row: 2, column: col('produit', 'description'), message: /texte de 40000 caractères : 32767 au plus/ }] },
  'xlsx-too-many-columns.xlsx': { expect: [{ sheet: 'tarifs', row: 10, message: /colonne CV, au-delà de la limite de 64 colonnes/ }] },
  'xlsx-missing-sheet.xlsx': { expect: [{ sheet: 'sources', message: /feuille obligatoire absente/ }] },
  'xlsx-unknown-sheet.xlsx': { expect: [{ sheet: 'brouillon', message: /feuille inconnue/ }] },
  'xlsx-impossible-date.xlsx': { expect: [{ sheet: 'versions', row: 3, column: col('versions', "date d'effet"), message: /date attendue .*« 31\/02\/2026 »/ }] },
  'xlsx-unknown-product-row.xlsx': { expect: [{ sheet: 'tarifs', row: 10, column: col('tarifs', 'produit'), message: /produit « autre-produit » absent de la feuille produit/ }] },
  'xlsx-many-errors.xlsx': {
    expect: [
      { sheet: 'tarifs', row: 2, column: col('tarifs', 'montant (€)'), message: /« abc »/ },
      { sheet: 'tarifs', row: 3, column: col('tarifs', 'segment'), message: /segment senior inconnu/ },
      { sheet: 'tarifs', row: 4, column: col('tarifs', 'période'), message: /mois, an ; trouvé « semaine »/ },
      { sheet: 'segments', row: 2, column: col('segments', 'âge min'), message: /nombre entier attendu, trouvé le texte « dix-huit »/ },
    ],
  },

  // ---- CSV tariff tables, into interiale-cdg-sante (a new version 2027, or the stored 2026)
  'csv-latin1.csv': { csv: NEW_VERSION, expect: [{ row: 2, message: /encodage invalide .*octet 0xE9/ }] },
  'csv-utf16.csv': { csv: NEW_VERSION, expect: [{ message: /fichier en UTF-16/ }] },
  'csv-text-amount.csv': { csv: NEW_VERSION, expect: [{ row: 2, column: 'montant', message: /montant en euros attendu .*« vingt-six »/ }] },
  'csv-negative-amount.csv': { csv: NEW_VERSION, expect: [{ row: 2, column: 'montant', message: /montant négatif \(-26,50\)/ }] },
  'csv-absurd-amount.csv': { csv: NEW_VERSION, expect: [{ row: 2, column: 'montant', message: /montant invraisemblable : 265 000 000,00 €/ }] },
  'csv-unknown-formula.csv': { csv: NEW_VERSION, expect: [{ row: 2, column: 'formule', message: /formule platine inconnue/ }] },
  'csv-unknown-segment.csv': { csv: NEW_VERSION, expect: [{ row: 2, column: 'segment', message: /segment senior inconnu/ }] },
  'csv-duplicate-rows.csv': { csv: NEW_VERSION, expect: [{ row: 3, message: /securite \/ jeune-actif figure déjà ligne 2/ }] },
  'csv-missing-amount-column.csv': {
    csv: NEW_VERSION,
    expect: [
      { row: 1, column: 'prix', message: /colonne inconnue « prix »/ },
      { row: 1, message: /colonne obligatoire « montant » absente/ },
    ],
  },
  'csv-unclosed-quote.csv': { csv: NEW_VERSION, expect: [{ row: 2, message: /guillemet ouvert jamais refermé/ }] },
  'csv-field-count.csv': { csv: NEW_VERSION, expect: [{ row: 2, message: /4 champ\(s\) au lieu de 3/ }] },
  'csv-comma-decimal-unquoted.csv': { csv: NEW_VERSION, expect: [{ row: 2, message: /4 champ\(s\) au lieu de 3 \(séparateur « , »/ }] },
  // seed 003 l. 220: "Sécurité 25,14 €" is the stored 2026 price for jeunes actifs
  'csv-existing-cell.csv': { csv: { version: '2026', source: true }, expect: [{ row: 2, message: /déjà au catalogue \(25,14 € par mois\) : un import n'écrase pas/ }] },
  'csv-missing-source.csv': { csv: { version: '2027', effectiveFrom: '2027-01-01', source: false }, expect: [{ message: /source absente : chaque montant a sa source/ }] },
  'csv-empty.csv': { csv: NEW_VERSION, expect: [{ message: /fichier vide/ }] },
};

function csvTarget(c: Case['csv']) {
  if (!c) return undefined;
  return { productId: 'interiale-cdg-sante', version: c.version, effectiveFrom: c.effectiveFrom, source: c.source ? TABLE_SOURCE : undefined };
}

describe('the corpus of malformed files', () => {
  let db: string;
  let before: Buffer;
  beforeAll(async () => {
    db = await freshDb();
    before = dbBytes(db);
  });

  it('holds at least 30 files, each with its expected problems (the script writes exactly these files)', async () => {
    const onDisk = readdirSync(MALFORMED_DIR).sort();
    expect(onDisk.length).toBeGreaterThanOrEqual(30);
    expect(onDisk).toEqual(Object.keys(CASES).sort());
    expect([...(await malformedFixtures()).keys()].sort()).toEqual(onDisk);
  });

  it.each(Object.keys(CASES))('%s is refused with its problems, at their places, and the database is unchanged', async (name) => {
    const c = CASES[name]!;
    const bytes = readFileSync(join(MALFORMED_DIR, name));
    const error = await withCatalogue(db, (cat) => importBytes(cat, bytes, name, { csv: csvTarget(c.csv) }).catch((e: unknown) => e));
    expect(error).toBeInstanceOf(ImportRejected);
    const problems = (error as ImportRejected).problems;
    for (const e of c.expect) {
      const { message, ...where } = e;
      expect(problems, `${name}: ${message}`).toContainEqual({ file: name, ...where, message: expect.stringMatching(message) });
    }
    expect(problems.map((p) => p.message)).toHaveLength(c.expect.length);
    expect(dbBytes(db).equals(before)).toBe(true);
    expect(existsSync(join(dirname(db), 'backups'))).toBe(false);
  });

  it.each(['xlsx-many-errors.xlsx', 'json-many-errors.json', 'csv-latin1.csv', 'xlsx-zip-bomb.xlsx'])('grille import %s exits 1, lists every problem on stderr, and writes nothing', async (name) => {
    const file = await freshDb();
    const was = dbBytes(file);
    const c = CASES[name]!;
    const args = ['import', join(MALFORMED_DIR, name), '--db', file];
    const t = csvTarget(c.csv);
    if (t) args.push('--product', t.productId, '--version', t.version, ...(t.effectiveFrom ? ['--effective-from', t.effectiveFrom] : []), '--source-file', TABLE_SOURCE.file, '--source-section', TABLE_SOURCE.section, '--source-lines', TABLE_SOURCE.lines, '--source-quote', TABLE_SOURCE.quote);
    const r = grille(args);
    expect(r.code).toBe(1);
    const lines = r.stderr.trim().split('\n');
    expect(lines[0]).toBe(`grille: ${name} refusé : ${c.expect.length} problème(s), rien n'a été écrit.`);
    expect(lines).toHaveLength(1 + c.expect.length);
    for (const e of c.expect) expect(lines.some((l) => e.message.test(l) && l.includes(name))).toBe(true);
    expect(dbBytes(file).equals(was)).toBe(true);
    const json = grille([...args, '--json']);
    expect(json.code).toBe(1);
    const out = JSON.parse(json.stdout) as { ok: boolean; total: number; errors: ImportProblem[] };
    expect(out.ok).toBe(false);
    expect(out.total).toBe(c.expect.length);
    expect(dbBytes(file).equals(was)).toBe(true);
  });

});
