/**
 * What an import does to the catalogue: a new product, new dated versions of an existing one, a CSV
 * tariff table; what it refuses; its audit rows and backups; the limits on untrusted files; and that
 * text is never evaluated.
 */
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { existsSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ProductFile } from '../../src/shared/core/catalogue-schema';
import type { Catalogue } from '../../src/main/services/catalogue';
import { openDatabase } from '../../src/main/store/open';
import { getProduct, productIds } from '../../src/main/store/reader';
import { checkCatalogueFile } from '../../src/main/transfer/backup';
import { cataloguePackage, exportCatalogue } from '../../src/main/transfer/export';
import { productHistory } from '../../src/main/transfer/history';
import { importBytes } from '../../src/main/transfer/import';
import { stringifyPackage, type CataloguePackage } from '../../src/main/transfer/json-package';
import { DEFAULT_LIMITS } from '../../src/main/transfer/limits';
import { ImportRejected } from '../../src/main/transfer/problems';
import { writeCatalogueWorkbook } from '../../src/main/transfer/xlsx-export';
import { essaiPackage, essaiProduct } from '../fixtures/make-malformed';
import { TABLE_SOURCE, dbBytes, freshDb, withCatalogue } from './helpers';

const json = (pkg: CataloguePackage) => Buffer.from(stringifyPackage(pkg), 'utf8');
const rejection = async (p: Promise<unknown>): Promise<ImportRejected> => {
  const e = await p.then(
    () => null,
    (x: unknown) => x,
  );
  expect(e).toBeInstanceOf(ImportRejected);
  return e as ImportRejected;
};
const messages = (e: ImportRejected) => e.problems.map((p) => p.message).join('\n');
/** The store gives tariff cells back in its own order (version, formula, option, segment, zone): compare them as a set. */
const cellsAsSet = (p: ProductFile): ProductFile => ({ ...p, tariffs: [...p.tariffs].sort((a, b) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : 1)) });

/** interiale-cdg-sante as the catalogue holds it, as a one-product package. */
async function storedPackage(cat: Catalogue, id = 'interiale-cdg-sante'): Promise<CataloguePackage> {
  return cataloguePackage(cat.db, [id]);
}

/** The package with a new version 2027 from 2027-01-01, its document, and the 2026 cells raised by 1 €. */
function withVersion2027(pkg: CataloguePackage, close: boolean): ProductFile {
  const p = pkg.products[0]!;
  const v2026 = p.versions.find((v) => v.code === '2026')!;
  p.documents.push({ id: 'avenant-4', file: '003_7b883febf65126a3.txt', title: 'Avenant n° 4', kind: 'avenant', lines: [230, 260], date: '2026-11-15' });
  p.versions.push({ code: '2027', label: 'Cotisations 2027', effectiveFrom: '2027-01-01', effectiveTo: null, document: 'avenant-4', reference: 'avenant n°4', source: v2026.source });
  if (close) v2026.effectiveTo = '2026-12-31';
  for (const t of p.tariffs.filter((c) => c.version === '2026')) p.tariffs.push({ ...t, version: '2027', amountCents: t.amountCents + 100 });
  p.rules.push({ type: 'age-basis', versions: ['2027'], formulas: ['*'], params: { basis: 'millesime' }, text: 'Âge au millésime', source: v2026.source });
  return p;
}

describe('importing a new product', () => {
  it('creates it in one transaction, records it in the history, and backs the database up first', async () => {
    const file = await freshDb();
    const before = dbBytes(file);
    const input = essaiProduct();
    const result = await withCatalogue(file, (cat) => importBytes(cat, json(essaiPackage()), 'essai.json', { comment: 'offre du courtier' }));
    expect(result.written).toBe(true);
    expect(result.products).toEqual([
      { id: 'essai-sante', name: input.product.name, action: 'create', versions: input.versions.map((v) => v.code), documents: input.documents.length, guarantees: 0, rules: input.rules.length, tariffCells: input.tariffs.length, closed: null },
    ]);
    await withCatalogue(file, (cat) => {
      const stored = getProduct(cat.db, 'essai-sante')!;
      // organisations are rows shared with interiale-cdg-sante: the catalogue keeps its own, and says so
      const shared = getProduct(cat.db, 'interiale-cdg-sante')!.organisations;
      expect(cellsAsSet(stored)).toEqual(cellsAsSet({ ...input, organisations: shared }));
      const differing = input.organisations.filter((o, i) => JSON.stringify(o) !== JSON.stringify(shared[i]));
      expect(differing.length).toBeGreaterThan(0);
      for (const o of differing) expect(result.warnings.some((w) => w.message.startsWith(`l'organisation ${o.id} est déjà au catalogue`))).toBe(true);
      const history = productHistory(cat.db, 'essai-sante');
      expect(history).toHaveLength(1);
      expect(history[0]).toMatchObject({
        action: 'import.product',
        productId: 'essai-sante',
        oldValue: null,
        newValue: { file: 'essai.json', versions: input.versions.map((v) => v.code), tariffCells: input.tariffs.length },
        comment: 'offre du courtier',
      });
    });
    // the backup is the catalogue as it was before the import
    expect(result.backup).not.toBeNull();
    expect(dirname(result.backup!)).toBe(join(dirname(file), 'backups'));
    expect(checkCatalogueFile(result.backup!).products).toBe(9);
    const { db: copy } = await openDatabase(result.backup!, { readonly: true });
    expect(productIds(copy)).not.toContain('essai-sante');
    copy.close();
    expect(dbBytes(file).equals(before)).toBe(false);
  });

  it('--dry-run checks everything and writes nothing, not even a backup', async () => {
    const file = await freshDb();
    const before = dbBytes(file);
    const result = await withCatalogue(file, (cat) => importBytes(cat, json(essaiPackage()), 'essai.json', { dryRun: true }));
    expect(result.products.map((p) => p.action)).toEqual(['create']);
    expect(result.written).toBe(false);
    expect(dbBytes(file).equals(before)).toBe(true);
    expect(existsSync(join(dirname(file), 'backups'))).toBe(false);
  });

  it('keeps only the last N backups', async () => {
    const file = await freshDb();
    for (let i = 0; i < 3; i++) {
      const pkg = essaiPackage();
      pkg.products[0]!.product.id = `essai-${i}`;
      await withCatalogue(file, (cat) => importBytes(cat, json(pkg), `essai-${i}.json`, { keepBackups: 2 }));
    }
    const backups = readdirSync(join(dirname(file), 'backups'));
    expect(backups).toHaveLength(2);
    // the newest two: taken before the second and the third import
    const counts = backups.sort().map((b) => checkCatalogueFile(join(dirname(file), 'backups', b)).products);
    expect(counts).toEqual([10, 11]);
  });

  it('refuses two products with the same id in one file, and writes neither', async () => {
    const file = await freshDb();
    const pkg = essaiPackage();
    pkg.products.push(essaiProduct());
    const before = dbBytes(file);
    const e = await rejection(withCatalogue(file, (cat) => importBytes(cat, json(pkg), 'double.json')));
    expect(e.problems).toContainEqual(expect.objectContaining({ path: 'products[1].product.id', message: 'produit en double essai-sante dans le fichier' }));
    expect(dbBytes(file).equals(before)).toBe(true);
  });
});

describe('several new products in one file', () => {
  function two(): CataloguePackage {
    const a = essaiProduct();
    a.product.id = 'essai-a';
    const b = essaiProduct();
    b.product.id = 'essai-b';
    const source = a.tariffs[0]!.source;
    // a new organisation named by both, with other roles in the second
    a.organisations.push({ id: 'courtier-x', name: 'Courtier X', roles: ['broker'], source });
    b.organisations.push({ id: 'courtier-x', name: 'Courtier X', roles: ['manager'], source });
    a.categories.push({ key: 'sante.essai', label: 'Catégorie essai' });
    return { format: 'grille-catalogue', formatVersion: 1, taxonomy: [], products: [a, b] };
  }

  it("writes a new shared organisation as the first product gives it, and says so for the second", async () => {
    const file = await freshDb();
    const result = await withCatalogue(file, (cat) => importBytes(cat, json(two()), 'deux.json'));
    expect(result.products.map((p) => p.action)).toEqual(['create', 'create']);
    expect(result.warnings).toContainEqual(expect.objectContaining({ path: expect.stringMatching(/^products\[1\]\.organisations\[\d+\]\.roles/), message: expect.stringMatching(/courtier-x est écrite telle que le produit essai-a la donne/) }));
    await withCatalogue(file, (cat) => expect(getProduct(cat.db, 'essai-b')!.organisations.find((o) => o.id === 'courtier-x')!.roles).toEqual(['broker']));
  });

  it("refuses a guarantee whose category only another product of the file declares, before writing anything", async () => {
    const file = await freshDb();
    const pkg = two();
    pkg.products[1]!.guarantees.push({ category: 'sante.essai', label: 'Essai', formulas: ['*'], versions: ['*'], status: 'unspecified', quantities: {}, text: 'non précisé', source: pkg.products[1]!.tariffs[0]!.source });
    const before = dbBytes(file);
    const e = await rejection(withCatalogue(file, (cat) => importBytes(cat, json(pkg), 'deux.json')));
    expect(e.problems).toEqual([expect.objectContaining({ path: 'products[1].guarantees[0].category', message: expect.stringMatching(/catégorie sante\.essai : ni au catalogue, ni dans la taxonomie du fichier, ni dans les catégories du produit/) })]);
    expect(dbBytes(file).equals(before)).toBe(true);
  });
});

describe('a product that already exists', () => {
  it('accepts new dated versions, closing the open one the day before, and records old and new values', async () => {
    const file = await freshDb();
    const pkg = await withCatalogue(file, (cat) => storedPackage(cat));
    const expected = withVersion2027(pkg, true);
    const result = await withCatalogue(file, (cat) => importBytes(cat, json(pkg), 'avenant4.json', { comment: 'avenant n°4' }));
    const added = expected.tariffs.filter((t) => t.version === '2027').length;
    expect(result.products).toEqual([
      { id: 'interiale-cdg-sante', name: expected.product.name, action: 'add-versions', versions: ['2027'], documents: 1, guarantees: 0, rules: 1, tariffCells: added, closed: { version: '2026', effectiveTo: '2026-12-31' } },
    ]);
    await withCatalogue(file, (cat) => {
      expect(getProduct(cat.db, 'interiale-cdg-sante')).toEqual(expected);
      const [entry] = productHistory(cat.db, 'interiale-cdg-sante');
      expect(entry).toMatchObject({
        action: 'import.versions',
        oldValue: { versions: ['2025', '2026'], closed: { version: '2026', effectiveTo: null } },
        newValue: { versions: [{ code: '2027', effectiveFrom: '2027-01-01', effectiveTo: null }], closed: { version: '2026', effectiveTo: '2026-12-31' }, tariffCells: added },
        comment: 'avenant n°4',
      });
    });
  });

  it('accepts new versions keyed in the Excel template by hand (rows added to the versions and tarifs sheets)', async () => {
    const file = await freshDb();
    const xlsx = await withCatalogue(file, async (cat) => (await exportCatalogue(cat.db, ['interiale-cdg-sante'], 'xlsx')).bytes);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx as unknown as ArrayBuffer);
    const versions = wb.getWorksheet('versions')!;
    const last = versions.getRow(versions.rowCount);
    // produit, code, libellé, date d'effet, date de fin, document, référence, révision, source: dates typed as Excel dates
    versions.addRow(['interiale-cdg-sante', '2027', 'Cotisations 2027', new Date(Date.UTC(2027, 0, 1)), null, last.getCell(6).value, null, null, last.getCell(9).value]);
    const tarifs = wb.getWorksheet('tarifs')!;
    const first2026 = tarifs.getRow(2 + 12); // the 2025 table fills rows 2-13
    expect(first2026.getCell(2).value).toBe('2026');
    tarifs.addRow(['interiale-cdg-sante', '2027', 'securite', null, 'jeune-actif', null, '25,90', 'mois', first2026.getCell(9).value]);
    tarifs.addRow(['interiale-cdg-sante', '2027', 'securite', null, 'enfant', null, 14.79, 'mois', first2026.getCell(9).value]);
    const edited = Buffer.from(await wb.xlsx.writeBuffer());
    const result = await withCatalogue(file, (cat) => importBytes(cat, edited, 'avenant.xlsx'));
    expect(result.products.map((p) => [p.action, p.versions, p.tariffCells])).toEqual([['add-versions', ['2027'], 2]]);
    await withCatalogue(file, (cat) => {
      const p = getProduct(cat.db, 'interiale-cdg-sante')!;
      expect(p.versions.at(-1)).toMatchObject({ code: '2027', effectiveFrom: '2027-01-01', effectiveTo: null });
      const cell = (segment: string) => p.tariffs.find((t) => t.version === '2027' && t.segment === segment)!.amountCents;
      expect([cell('jeune-actif'), cell('enfant')]).toEqual([2590, 1479]);
    });
  });

  it.each<[string, (p: ProductFile) => void, RegExp]>([
    ['a new version without a date', (p) => (p.versions.at(-1)!.effectiveFrom = null), /ajoute la version 2027 sans date d'effet/],
    ['a new version dated before the last one', (p) => (p.versions.at(-1)!.effectiveFrom = '2025-06-01'), /pas après les versions existantes \(la dernière commence le 2026-01-01\)/],
    ['a changed tariff cell', (p) => (p.tariffs[0]!.amountCents += 1), /change la cellule de tarif 2025 \/ securite \/ jeune-actif/],
    ['a removed tariff cell', (p) => p.tariffs.splice(0, 1), /ne contient pas la cellule de tarif 2025 \/ securite \/ jeune-actif du catalogue/],
    ['a changed formula label', (p) => (p.formulas[0]!.label = 'Sécurité +'), /change formulas\[0\]\.label/],
    ['a cell added to a stored version', (p) => p.tariffs.push({ ...p.tariffs[0]!, zone: 'z1' }), /ajoute une cellule de tarif à la version existante 2025/],
    ['a rule for stored versions', (p) => (p.rules.at(-1)!.versions = ['*']), /ajoute une règle qui ne porte pas sur les seules nouvelles versions/],
    ['a closing date other than the day before', (p) => (p.versions.find((v) => v.code === '2026')!.effectiveTo = '2026-06-30'), /seule la fermeture la veille de la nouvelle version \(2026-12-31\)/],
  ])('refuses %s, saying what differs, and writes nothing', async (_what, change, expected) => {
    const file = await freshDb();
    const pkg = await withCatalogue(file, (cat) => storedPackage(cat));
    change(withVersion2027(pkg, false));
    const before = dbBytes(file);
    const e = await rejection(withCatalogue(file, (cat) => importBytes(cat, json(pkg), 'modifie.json')));
    expect(messages(e)).toMatch(expected);
    expect(dbBytes(file).equals(before)).toBe(true);
  });

  it('refuses a file that brings nothing new but differs', async () => {
    const file = await freshDb();
    const pkg = await withCatalogue(file, (cat) => storedPackage(cat));
    pkg.products[0]!.product.description = 'autre description';
    const e = await rejection(withCatalogue(file, (cat) => importBytes(cat, json(pkg), 'x.json')));
    expect(e.problems).toEqual([expect.objectContaining({ path: 'products[0].product.description', message: expect.stringMatching(/existe déjà au catalogue et ce fichier change description/) })]);
  });
});

describe('a CSV tariff table', () => {
  const target = (version: string, extra: Record<string, unknown> = {}) => ({ csv: { productId: 'interiale-cdg-sante', version, source: TABLE_SOURCE, ...extra } });

  it('goes into a new dated version named on the command line, amounts in euros read as cents', async () => {
    const file = await freshDb();
    const csv = Buffer.from('\ufeffformule;segment;montant;période\r\nsecurite;jeune-actif;26,50;mois\r\nrenforcee;retraite;"118,20";mois\r\n', 'utf8');
    const result = await withCatalogue(file, (cat) => importBytes(cat, csv, 'tarifs-2027.csv', target('2027', { effectiveFrom: '2027-01-01', label: 'Cotisations 2027' })));
    expect(result.products.map((p) => [p.action, p.versions, p.tariffCells])).toEqual([['add-tariffs', ['2027'], 2]]);
    await withCatalogue(file, (cat) => {
      const p = getProduct(cat.db, 'interiale-cdg-sante')!;
      const source = { file: TABLE_SOURCE.file, section: TABLE_SOURCE.section, lines: [220, 228], quote: TABLE_SOURCE.quote };
      // the new version takes the document of the last one (annexe-1-cotisations) unless --document is given
      expect(p.versions.at(-1)).toEqual({ code: '2027', label: 'Cotisations 2027', effectiveFrom: '2027-01-01', effectiveTo: null, document: p.versions.at(-2)!.document, source });
      expect(p.tariffs.filter((t) => t.version === '2027')).toEqual([
        { version: '2027', formula: 'securite', option: '', segment: 'jeune-actif', zone: '', amountCents: 2650, period: 'month', source },
        { version: '2027', formula: 'renforcee', option: '', segment: 'retraite', zone: '', amountCents: 11820, period: 'month', source },
      ]);
      expect(productHistory(cat.db, 'interiale-cdg-sante')[0]).toMatchObject({ action: 'import.tariffs', newValue: { tariffCells: 2, versions: [{ code: '2027' }] } });
    });
  });

  it('goes into an existing version when its cells are new there, with comma separators and per-line sources', async () => {
    const file = await freshDb();
    const csv = Buffer.from('formule,segment,zone,montant,fichier,section,lignes,citation\nsecurite,enfant,DOM,"15,10",003_7b883febf65126a3.txt,Annexe 1,220,"Sécurité 25,14 € 36,06 € 14,33 €"\n', 'utf8');
    const result = await withCatalogue(file, (cat) => importBytes(cat, csv, 'dom.csv', { csv: { productId: 'interiale-cdg-sante', version: '2026' } }));
    expect(result.products.map((p) => [p.action, p.versions, p.tariffCells])).toEqual([['add-tariffs', [], 1]]);
    await withCatalogue(file, (cat) => {
      const cell = getProduct(cat.db, 'interiale-cdg-sante')!.tariffs.find((t) => t.zone === 'DOM')!;
      // the period is the one every stored cell of the product has (month)
      expect(cell).toEqual({ version: '2026', formula: 'securite', option: '', segment: 'enfant', zone: 'DOM', amountCents: 1510, period: 'month', source: { file: '003_7b883febf65126a3.txt', section: 'Annexe 1', lines: [220, 220], quote: 'Sécurité 25,14 € 36,06 € 14,33 €' } });
    });
  });

  it('refuses an unknown product and an unknown version without a date, listing the versions', async () => {
    const file = await freshDb();
    const csv = Buffer.from('formule;segment;montant\nsecurite;jeune-actif;26,50\n');
    const unknown = await rejection(withCatalogue(file, (cat) => importBytes(cat, csv, 't.csv', { csv: { productId: 'nope', version: '2026', source: TABLE_SOURCE } })));
    expect(messages(unknown)).toMatch(/produit inconnu : « nope »/);
    const noDate = await rejection(withCatalogue(file, (cat) => importBytes(cat, csv, 't.csv', target('2030'))));
    expect(noDate.problems).toEqual([expect.objectContaining({ message: expect.stringMatching(/version « 2030 » inconnue de interiale-cdg-sante \(versions : 2025, 2026\) ; pour créer une nouvelle version, donnez sa date d'effet \(AAAA-MM-JJ\)$/) })]);
  });
});

describe('text is never evaluated', () => {
  it('texts that look like formulas are written as text cells and read back as the same text', async () => {
    const p = essaiProduct();
    p.product.description = '=HYPERLINK("http://exemple.invalid","clic")';
    p.formulas[0]!.label = '+33 formule';
    p.product.references = ['@SOMME(A1:A9)', '-10 %'];
    p.versions[0]!.label = '\tcotisations';
    const xlsx = await writeCatalogueWorkbook([p], []);
    const zip = await JSZip.loadAsync(xlsx);
    for (const name of Object.keys(zip.files).filter((n) => n.startsWith('xl/worksheets/'))) {
      expect(await zip.file(name)!.async('string'), name).not.toMatch(/<f>|<f /);
    }
    const empty = join(await freshDb(), '..', 'vide.sqlite');
    const { db } = await openDatabase(empty);
    const cat = { db, file: empty, created: false, close: () => db.close() };
    try {
      await importBytes(cat, xlsx, 'texte.xlsx', { backup: false });
      expect(cellsAsSet(getProduct(db, 'essai-sante')!)).toEqual(cellsAsSet(p));
    } finally {
      db.close();
    }
  });

  it('a formula cell gives the value the spreadsheet saved, never a computation of its own', async () => {
    const p = essaiProduct();
    const xlsx = await writeCatalogueWorkbook([p], []);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx as unknown as ArrayBuffer);
    // the saved result (25,14) disagrees with what the formula would compute: the saved one is read
    wb.getWorksheet('tarifs')!.getCell('G2').value = { formula: 'G3*1000', result: 25.14 } as ExcelJS.CellFormulaValue;
    wb.getWorksheet('produit')!.getCell('C2').value = { formula: 'CONCATENATE("a","b")', result: 'Nom enregistré' } as ExcelJS.CellFormulaValue;
    const edited = Buffer.from(await wb.xlsx.writeBuffer());
    const empty = join(await freshDb(), '..', 'vide.sqlite');
    const { db } = await openDatabase(empty);
    try {
      await importBytes({ db, file: empty, created: false, close: () => db.close() }, edited, 'formules.xlsx', { backup: false });
      const stored = getProduct(db, 'essai-sante')!;
      expect(stored.tariffs.find((t) => t.version === p.tariffs[0]!.version && t.formula === p.tariffs[0]!.formula && t.segment === p.tariffs[0]!.segment)!.amountCents).toBe(2514);
      expect(stored.product.name).toBe('Nom enregistré');
    } finally {
      db.close();
    }
  });
});

describe('limits on untrusted files', () => {
  const limited = (changes: Partial<typeof DEFAULT_LIMITS>) => ({ limits: { ...DEFAULT_LIMITS, ...changes } });
  it.each<[string, Partial<typeof DEFAULT_LIMITS>, RegExp]>([
    ['file size', { xlsxBytes: 1000 }, /Kio : 1000 octets au plus pour un classeur/],
    ['zip entries', { zipEntries: 5 }, /archive zip de \d+ fichiers : au plus 5/],
    ['declared uncompressed size', { zipUncompressedBytes: 10_000 }, /taille décompressée déclarée supérieure/],
    ['rows', { rows: 10 }, /plus de 10 lignes/],
    ['columns', { columns: 5 }, /au-delà de la limite de 5 colonnes/],
    ['cell length', { cellChars: 20 }, /caractères : 20 au plus/],
  ])('%s: the workbook is refused before or while reading, and nothing is written', async (_what, limits, expected) => {
    const file = await freshDb();
    const xlsx = await writeCatalogueWorkbook([essaiProduct()], []);
    const before = dbBytes(file);
    const e = await rejection(withCatalogue(file, (cat) => importBytes(cat, xlsx, 'essai.xlsx', limited(limits))));
    expect(messages(e)).toMatch(expected);
    expect(dbBytes(file).equals(before)).toBe(true);
  });

  it('JSON and CSV sizes are checked before parsing', async () => {
    const file = await freshDb();
    const j = await rejection(withCatalogue(file, (cat) => importBytes(cat, json(essaiPackage()), 'essai.json', limited({ jsonBytes: 100 }))));
    expect(messages(j)).toMatch(/Kio : 100 octets au plus pour un paquet JSON/);
    const c = await rejection(
      withCatalogue(file, (cat) => importBytes(cat, Buffer.from('formule;segment;montant\n'.repeat(10)), 't.csv', { ...limited({ csvBytes: 50 }), csv: { productId: 'interiale-cdg-sante', version: '2026' } })),
    );
    expect(messages(c)).toMatch(/: 50 octets au plus pour un CSV/);
  });

  it('lists the first problems and counts the others when there are more than the cap', async () => {
    const file = await freshDb();
    const pkg = essaiPackage();
    pkg.products[0]!.tariffs.slice(0, 5).forEach((t, i) => (t.formula = `platine-${i}`));
    const e = await rejection(withCatalogue(file, (cat) => importBytes(cat, json(pkg), 'cinq.json', limited({ problems: 2 }))));
    expect(e.total).toBe(5);
    expect(e.problems).toHaveLength(2);
    expect(e.message).toMatch(/… et 3 autre\(s\) problème\(s\) non listé\(s\)/);
  });
});
