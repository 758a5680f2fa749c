/**
 * Importing and exporting catalogue data from the desktop, through `dispatch`: the open dialog's path
 * stays behind a token, a dry run writes nothing, an import backs the base up in backups/ and is
 * recorded, a malformed file comes back as its problems (sheet, row, column) with nothing written,
 * and an export asks where to save with the right file type and gives back, imported into an empty
 * store, exactly the products it exported, values without source included.
 */
import ExcelJS from 'exceljs';
import { existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { UNSOURCED_FILE, type CatalogueEdit, type ExportAnswer, type ImportReportDto, type JobProgress, type PickedFile, type Result } from '../../src/shared/api';
import type { ProductFile } from '../../src/shared/core/catalogue-schema';
import { dispatch, type Services } from '../../src/main/ipc-handlers';
import { PICKED_LIMITS } from '../../src/main/ipc-handlers-edit';
import { openCatalogue, type Catalogue } from '../../src/main/services/catalogue';
import { openDatabase } from '../../src/main/store/open';
import { getProduct, productIds } from '../../src/main/store/reader';
import { importBytes } from '../../src/main/transfer/import';
import { stringifyPackage } from '../../src/main/transfer/json-package';
import { SHEETS, columnLetter } from '../../src/main/transfer/layout';
import { essaiPackage, essaiProduct, MALFORMED_DIR } from '../fixtures/make-malformed';
import { addProductEdit, addVersionEdit } from '../fixtures/edits';
import { nodeJobs } from '../fixtures/jobs';
import { TABLE_SOURCE, dbBytes, freshDb } from './helpers';

const TODAY = '2026-11-22';

const opened: Promise<Catalogue>[] = [];
afterEach(async () => {
  vi.useRealTimers();
  for (const c of opened.splice(0)) (await c).close();
});

interface Harness {
  file: string;
  services: Services;
  /** the file the next open dialog answers */
  next: { path: string | null };
  openFile: ReturnType<typeof vi.fn>;
  saveAs: ReturnType<typeof vi.fn>;
  saveTo: { path: string | null };
  /** the progress events of the jobs (imports and exports run as jobs, in worker threads) */
  progress: JobProgress[];
}

/** `inline`: jobs run in this thread, so a progress listener that cancels stops the job at its next step. */
async function harness(options: { inline?: boolean; onProgress?: (p: JobProgress, services: Services) => void } = {}): Promise<Harness> {
  const file = await freshDb();
  let cat: Promise<Catalogue> | null = null;
  const next = { path: null as string | null };
  const saveTo = { path: null as string | null };
  const openFile = vi.fn(async () => next.path);
  const saveAs = vi.fn(async () => saveTo.path);
  const progress: JobProgress[] = [];
  const catalogue = () => {
    if (!cat) {
      cat = openCatalogue(file);
      opened.push(cat);
    }
    return cat;
  };
  const services: Services = {
    catalogue,
    saveAs,
    openFile,
    today: () => TODAY,
    jobs: nodeJobs(
      catalogue,
      (p) => {
        progress.push(p);
        options.onProgress?.(p, services);
      },
      { inline: options.inline ?? false },
    ),
  };
  await services.catalogue();
  return { file, services, next, openFile, saveAs, saveTo, progress };
}

async function ok<T>(h: Harness, method: Parameters<typeof dispatch>[1], ...args: unknown[]): Promise<T> {
  const r = await dispatch(h.services, method, args);
  if (!r.ok) throw new Error(`${method} refusé : ${r.error.code} ${r.error.message}`);
  return r.value as T;
}
async function refused(h: Harness, method: Parameters<typeof dispatch>[1], ...args: unknown[]) {
  const r: Result<unknown> = await dispatch(h.services, method, args);
  if (r.ok) throw new Error(`${method} accepté : ${JSON.stringify(r.value)}`);
  return r.error;
}

function tempFile(name: string, content: string | Buffer): string {
  const path = join(mkdtempSync(join(tmpdir(), 'grille-desktop-')), name);
  writeFileSync(path, content);
  return path;
}

async function pick(h: Harness, path: string): Promise<PickedFile> {
  h.next.path = path;
  const picked = await ok<PickedFile | null>(h, 'pickImportFile');
  if (!picked) throw new Error('annulé');
  return picked;
}

describe('pickImportFile', () => {
  it('shows the open dialog with the catalogue file types, and answers a token, never the path', async () => {
    const h = await harness();
    const path = tempFile('essai.json', stringifyPackage(essaiPackage()));
    const picked = await pick(h, path);
    expect(h.openFile).toHaveBeenCalledOnce();
    const filters = h.openFile.mock.calls[0]![0] as { name: string; extensions: string[] }[];
    expect(filters[0]!.extensions).toEqual(['json', 'xlsx', 'csv']);
    expect(picked).toEqual({ token: expect.stringMatching(/^[0-9a-f]{32}$/), name: 'essai.json', size: readFileSync(path).length, format: 'json' });
    expect(JSON.stringify(picked)).not.toContain(dirname(path));
    // cancelled: null
    h.next.path = null;
    expect(await ok(h, 'pickImportFile')).toBeNull();
    // another kind of file is refused when picked
    h.next.path = tempFile('tarifs.xls', 'x');
    expect(await refused(h, 'pickImportFile')).toMatchObject({ code: 'INVALID_INPUT', message: expect.stringMatching(/Excel 97-2003 \(\.xls\)/) });
  });

  it('is not available when the shell gives no open dialog', async () => {
    const h = await harness();
    delete h.services.openFile;
    expect(await refused(h, 'pickImportFile')).toMatchObject({ code: 'NOT_AVAILABLE' });
  });

  it('keeps a bounded number of tokens, which expire', async () => {
    const h = await harness();
    const path = tempFile('essai.json', stringifyPackage(essaiPackage()));
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-11-22T10:00:00Z'));
    const first = await pick(h, path);
    for (let i = 0; i < PICKED_LIMITS.entries; i++) await pick(h, path);
    // the oldest token went to make room
    expect(await refused(h, 'importCatalogue', { token: first.token, dryRun: true })).toMatchObject({ code: 'NOT_FOUND', message: expect.stringMatching(/choisissez-le de nouveau/) });
    const recent = await pick(h, path);
    expect((await ok<ImportReportDto>(h, 'importCatalogue', { token: recent.token, dryRun: true })).problems).toEqual([]);
    vi.setSystemTime(new Date(Date.now() + PICKED_LIMITS.ttlMs + 1));
    expect(await refused(h, 'importCatalogue', { token: recent.token, dryRun: true })).toMatchObject({ code: 'NOT_FOUND' });
    // a token is 32 hex digits, and a path is never accepted
    expect(await refused(h, 'importCatalogue', { token: path, dryRun: true })).toMatchObject({ code: 'INVALID_INPUT' });
    expect(await refused(h, 'importCatalogue', { token: recent.token, dryRun: true, path })).toMatchObject({ code: 'INVALID_INPUT' });
  });
});

describe('importCatalogue', () => {
  it('a dry run writes nothing; the import writes, backs the base up in backups/ and is recorded', async () => {
    const h = await harness();
    const picked = await pick(h, tempFile('essai.json', stringifyPackage(essaiPackage())));
    const before = dbBytes(h.file);
    const dry = await ok<ImportReportDto>(h, 'importCatalogue', { token: picked.token, dryRun: true, comment: null });
    expect(dry).toMatchObject({ file: 'essai.json', format: 'json', dryRun: true, written: false, problems: [], problemCount: 0, backup: null });
    expect(dry.products).toEqual([
      { id: 'essai-sante', name: essaiProduct().product.name, action: 'create', versions: essaiProduct().versions.map((v) => v.code), guarantees: essaiProduct().guarantees.length, tariffCells: essaiProduct().tariffs.length, documents: essaiProduct().documents.length, rules: essaiProduct().rules.length, closed: null },
    ]);
    expect(dbBytes(h.file).equals(before)).toBe(true);
    expect(existsSync(join(dirname(h.file), 'backups'))).toBe(false);

    const done = await ok<ImportReportDto>(h, 'importCatalogue', { token: picked.token, dryRun: false, comment: 'offre du courtier' });
    expect(done).toMatchObject({ written: true, dryRun: false, problems: [] });
    expect(done.backup).toMatch(/^grille-.*-avant-import\.sqlite$/);
    expect(readdirSync(join(dirname(h.file), 'backups'))).toEqual([done.backup]);
    expect((await ok<{ id: string }[]>(h, 'catalogueList')).map((p) => p.id)).toContain('essai-sante');
    const hist = await ok<{ action: string; comment: string | null; undoable: boolean }[]>(h, 'history', { productId: 'essai-sante' });
    expect(hist).toMatchObject([{ action: 'import.product', comment: 'offre du courtier', undoable: false }]);
    // an import is not undone by « Annuler »
    expect(await refused(h, 'undoEdit', { productId: 'essai-sante' })).toMatchObject({ code: 'NOT_AVAILABLE', message: expect.stringMatching(/est un import .*restaurez une sauvegarde/) });
  });

  it('runs as a job: its progress says each step, titled with the file', async () => {
    const h = await harness();
    const picked = await pick(h, tempFile('essai.json', stringifyPackage(essaiPackage())));
    await ok<ImportReportDto>(h, 'importCatalogue', { token: picked.token, dryRun: false, comment: null });
    const phases = [...new Set(h.progress.map((p) => p.phase))];
    expect(phases).toEqual(expect.arrayContaining(['Lecture du fichier', 'Vérification des données', 'Sauvegarde de la base', 'Écriture dans le catalogue (produits)']));
    expect(new Set(h.progress.map((p) => p.title))).toEqual(new Set(['Import de essai.json']));
    expect(h.progress.at(-1)).toMatchObject({ state: 'done' });
  });

  it('cancelled while it writes: CANCELLED, the product absent, no audit row (the transaction rolls back)', async () => {
    const h = await harness({
      inline: true,
      onProgress: (p, services) => {
        if (p.phase.startsWith('Écriture dans le catalogue') && p.state === 'running') void services.jobs.cancel(p.job);
      },
    });
    const picked = await pick(h, tempFile('essai.json', stringifyPackage(essaiPackage())));
    const error = await refused(h, 'importCatalogue', { token: picked.token, dryRun: false, comment: 'annulé' });
    expect(error).toEqual({ code: 'CANCELLED', message: 'Import annulé : le catalogue n’a pas été modifié.' });
    expect((await ok<{ id: string }[]>(h, 'catalogueList')).map((p) => p.id)).not.toContain('essai-sante');
    const db = (await h.services.catalogue()).db;
    expect((db.prepare("SELECT count(*) AS n FROM audit WHERE action LIKE 'import.%'").get() as { n: number }).n).toBe(0);
    expect(h.progress.at(-1)).toMatchObject({ state: 'cancelled' });
  });

  it('a malformed workbook comes back as its problems, at their sheet, row and column; nothing written', async () => {
    const h = await harness();
    const picked = await pick(h, join(MALFORMED_DIR, 'xlsx-absurd-amount.xlsx'));
    const before = dbBytes(h.file);
    for (const dryRun of [true, false]) {
      const r = await ok<ImportReportDto>(h, 'importCatalogue', { token: picked.token, dryRun });
      const i = SHEETS.find((s) => s.name === 'tarifs')!.columns.findIndex((c) => c.header === 'montant (€)');
      expect(r).toMatchObject({ file: 'xlsx-absurd-amount.xlsx', format: 'xlsx', written: false, problemCount: 1, backup: null, products: [] });
      expect(r.problems).toEqual([{ file: 'xlsx-absurd-amount.xlsx', sheet: 'tarifs', row: 4, column: `${columnLetter(i + 1)} (montant (€))`, message: expect.stringMatching(/montant invraisemblable : 1 353 000,00 €/) }]);
    }
    expect(dbBytes(h.file).equals(before)).toBe(true);
    expect(existsSync(join(dirname(h.file), 'backups'))).toBe(false);
  });

  it('a CSV tariff table goes into the product and version given, with the source of the table', async () => {
    const h = await harness();
    const bad = await pick(h, join(MALFORMED_DIR, 'csv-unknown-formula.csv'));
    expect(await refused(h, 'importCatalogue', { token: bad.token, dryRun: true })).toMatchObject({ code: 'INVALID_INPUT', message: expect.stringMatching(/s’importe dans un produit et une version/) });
    const source = { file: TABLE_SOURCE.file, section: TABLE_SOURCE.section, lines: [220, 228], quote: TABLE_SOURCE.quote };
    const csv = { productId: 'interiale-cdg-sante', version: '2027', effectiveFrom: '2027-01-01', source };
    const r = await ok<ImportReportDto>(h, 'importCatalogue', { token: bad.token, dryRun: true, csv });
    expect(r.written).toBe(false);
    expect(r.problems).toEqual([{ file: 'csv-unknown-formula.csv', row: 2, column: 'formule', message: expect.stringMatching(/formule platine inconnue/) }]);

    const good = await pick(h, tempFile('tarifs-2027.csv', 'formule;segment;montant\nsecurite;jeune-actif;25,14\nsecurite;enfant;14,33\n'));
    const w = await ok<ImportReportDto>(h, 'importCatalogue', { token: good.token, dryRun: false, comment: 'tarifs 2027', csv: { ...csv, label: 'Tarifs 2027', period: 'mois' } });
    expect(w).toMatchObject({ written: true, products: [{ id: 'interiale-cdg-sante', action: 'add-tariffs', versions: ['2027'], tariffCells: 2 }] });
    const p = await ok<ProductFile>(h, 'catalogueShow', 'interiale-cdg-sante');
    expect(p.tariffs.filter((t) => t.version === '2027').map((t) => [t.formula, t.segment, t.amountCents])).toEqual([
      ['securite', 'jeune-actif', 2514],
      ['securite', 'enfant', 1433],
    ]);
  });
});

describe('exportCatalogue', () => {
  const edits: CatalogueEdit[] = [
    {
      kind: 'tariffCell',
      productId: 'interiale-cdg-sante',
      version: '2026',
      formula: 'securite',
      option: '',
      segment: 'jeune-actif',
      zone: '',
      expectedCents: 2514,
      amountCents: 2600,
      source: { mode: 'none' },
      comment: '',
    },
    addVersionEdit({ reference: null, copyTariffsFrom: null, comment: '' }),
    addProductEdit({ comment: '' }),
  ];

  it.each(['json', 'xlsx'] as const)('%s: asks where to save with that file type, writes the file, and it imports back exactly', async (format) => {
    const h = await harness();
    for (const e of edits) await ok(h, 'editCatalogue', e);
    const out = join(mkdtempSync(join(tmpdir(), 'grille-export-')), `choisi.${format}`);
    h.saveTo.path = out;
    const ids = ['interiale-cdg-sante', 'mutuelle-essai'];
    expect(await ok<ExportAnswer>(h, 'exportCatalogue', { productIds: ids, format })).toEqual({ path: out });
    expect(h.saveAs).toHaveBeenCalledWith(`catalogue-${TODAY}.${format}`, format);
    expect(readdirSync(dirname(out))).toEqual([basename(out)]);
    const bytes = readFileSync(out);

    if (format === 'xlsx') {
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(bytes as unknown as ArrayBuffer);
      const files: string[] = [];
      wb.getWorksheet('sources')!.eachRow((row, n) => {
        if (n > 1) files.push(String(row.getCell(2).value));
      });
      expect(files).toContain('sans source');
      expect(files).not.toContain(UNSOURCED_FILE);
    } else {
      expect(bytes.toString('utf8')).toContain(`"file": "${UNSOURCED_FILE}"`);
    }

    // into an empty store: the same products, values without source included
    const cat = await h.services.catalogue();
    const file = join(mkdtempSync(join(tmpdir(), 'grille-empty-')), 'vide.sqlite');
    const { db } = await openDatabase(file);
    const to: Catalogue = { db, file, created: false, close: () => db.close() };
    try {
      await importBytes(to, bytes, `retour.${format}`, { backup: false });
      expect(productIds(to.db)).toEqual(ids);
      for (const id of ids) expect(getProduct(to.db, id), id).toEqual(getProduct(cat.db, id));
      const cell = getProduct(to.db, 'interiale-cdg-sante')!.tariffs.find((t) => t.version === '2026' && t.formula === 'securite' && t.segment === 'jeune-actif')!;
      expect(cell).toMatchObject({ amountCents: 2600, source: { file: UNSOURCED_FILE } });
    } finally {
      to.close();
    }
  });

  it('one product is named after it; a name without extension gets one; cancel writes nothing; an unknown product is said before the dialog', async () => {
    const h = await harness();
    const dir = mkdtempSync(join(tmpdir(), 'grille-export-'));
    h.saveTo.path = join(dir, 'sans-extension');
    expect(await ok<ExportAnswer>(h, 'exportCatalogue', { productIds: ['mie-assistance'], format: 'json' })).toEqual({ path: join(dir, 'sans-extension.json') });
    expect(h.saveAs).toHaveBeenLastCalledWith(`mie-assistance-${TODAY}.json`, 'json');
    expect((JSON.parse(readFileSync(join(dir, 'sans-extension.json'), 'utf8')) as { products: { product: { id: string } }[] }).products.map((p) => p.product.id)).toEqual(['mie-assistance']);

    h.saveTo.path = null;
    expect(await ok<ExportAnswer>(h, 'exportCatalogue', { productIds: [], format: 'xlsx' })).toEqual({ path: null });
    expect(readdirSync(dir)).toEqual(['sans-extension.json']);

    h.saveAs.mockClear();
    expect(await refused(h, 'exportCatalogue', { productIds: ['inconnu'], format: 'xlsx' })).toMatchObject({ code: 'NOT_FOUND', message: expect.stringMatching(/Produit\(s\) inconnu\(s\) : « inconnu »/) });
    expect(h.saveAs).not.toHaveBeenCalled();
    expect(await refused(h, 'exportCatalogue', { productIds: [], format: 'csv' })).toMatchObject({ code: 'INVALID_INPUT' });
  });
});

describe('reading back a workbook whose texts are long and accented', () => {
  it('gives back every character, whatever chunk of the file it falls on', async () => {
    // exceljs's streaming reader decodes each chunk of an entry on its own: long runs of 2- and 3-byte
    // characters put some of them across chunk boundaries (a 3-byte run cannot stay aligned on two
    // boundaries 16 Kio apart); the import must read them whole
    const p = essaiProduct();
    p.product.description = `Présence ${'€'.repeat(30_000)}`;
    p.formulas.forEach((f, i) => (f.description = `${'x'.repeat(i)}${'é€ü'.repeat(9_000)}`));
    const { writeCatalogueWorkbook } = await import('../../src/main/transfer/xlsx-export');
    const bytes = await writeCatalogueWorkbook([p], []);
    const file = join(mkdtempSync(join(tmpdir(), 'grille-accents-')), 'vide.sqlite');
    const { db } = await openDatabase(file);
    const to: Catalogue = { db, file, created: false, close: () => db.close() };
    try {
      await importBytes(to, bytes, 'accents.xlsx', { backup: false });
      const back = getProduct(to.db, 'essai-sante')!;
      expect(back.product.description).toBe(p.product.description);
      expect(back.formulas.map((f) => f.description)).toEqual(p.formulas.map((f) => f.description));
    } finally {
      to.close();
    }
  });
});
