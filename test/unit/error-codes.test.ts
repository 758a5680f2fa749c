/**
 * What formatting, the workbook writer and the import's write refuse comes as a GrilleError with its
 * code and a French message that says what and where: a bad argument is INVALID_INPUT, a value changed
 * under an import is CONFLICT, a defect of Grille's own builders is INTERNAL (« signalez-le »), never
 * an unexplained « Erreur inattendue ».
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeNumber } from '../../src/main/export/safe-cell';
import { formula, toDocumentDate, writeWorkbook, type WorkbookSpec } from '../../src/main/export/workbook-writer';
import { openCatalogue, type Catalogue } from '../../src/main/services/catalogue';
import { applyImport } from '../../src/main/store/writer-import';
import { formatCents, formatCentsExact } from '../../src/shared/core/format';
import { GrilleError, type ErrorCode } from '../../src/shared/errors';

function thrown(run: () => unknown): GrilleError {
  try {
    run();
  } catch (e) {
    expect(e).toBeInstanceOf(GrilleError);
    return e as GrilleError;
  }
  throw new Error('nothing was thrown');
}

async function rejected(run: () => Promise<unknown>): Promise<GrilleError> {
  const e: unknown = await run().then(
    () => null,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(GrilleError);
  return e as GrilleError;
}

function expectError(e: GrilleError, code: ErrorCode, message: RegExp): void {
  expect(e.code).toBe(code);
  expect(e.message).toMatch(message);
}

const spec = (values: WorkbookSpec['sheets'][number]['rows']): WorkbookSpec => ({
  properties: { title: 'Essai', date: new Date('2026-03-01T00:00:00Z') },
  sheets: [{ name: 'Tarifs', widths: [10, 10], rows: values }],
});

describe('amounts in euros', () => {
  it('a non-integer number of cents is a defect, said with the value', () => {
    expectError(
      thrown(() => formatCents(12.5)),
      'INTERNAL',
      /entier de centimes.*12\.5.*signalez-le/,
    );
    expectError(
      thrown(() => formatCentsExact(Number.NaN)),
      'INTERNAL',
      /entier de centimes.*NaN/,
    );
  });
});

describe('workbook cells', () => {
  it('a number that is not finite names the sheet and the cell', () => {
    const cell = { value: null as unknown, style: {}, address: 'B3', worksheet: { name: 'Tarifs' } };
    expectError(
      thrown(() => writeNumber(cell, Number.POSITIVE_INFINITY)),
      'INTERNAL',
      /feuille « Tarifs », cellule B3 : nombre invalide \(Infinity\)/,
    );
    expect(cell.value).toBeNull();
  });

  it('a document date that is no date is the caller’s input', () => {
    expectError(
      thrown(() => toDocumentDate('2026-13-01')),
      'INVALID_INPUT',
      /date du document invalide : « 2026-13-01 » \(attendu AAAA-MM-JJ\)/,
    );
  });

  it('a row’s number, a formula and its result that are wrong name the sheet, the row and the column', async () => {
    expectError(await rejected(() => writeWorkbook(spec([{ values: ['a', Number.NaN] }]))), 'INTERNAL', /feuille « Tarifs », ligne 1, colonne 2 : nombre invalide \(NaN\)/);
    expectError(await rejected(() => writeWorkbook(spec([{ values: ['a'] }, { values: [formula('=A1', 1)] }]))), 'INTERNAL', /feuille « Tarifs », ligne 2, colonne 1 : formule invalide « =A1 »/);
    expectError(await rejected(() => writeWorkbook(spec([{ values: [formula('A1*2', Number.NaN)] }]))), 'INTERNAL', /ligne 1, colonne 1 : résultat invalide \(NaN\) pour A1\*2/);
  });
});

describe('an import written after a change of the catalogue', () => {
  let cat: Catalogue;
  beforeAll(async () => {
    cat = await openCatalogue(':memory:');
  });
  afterAll(() => cat?.close());

  it('a version closed since the checks refuses the whole import: CONFLICT, nothing written', () => {
    const count = (sql: string) => (cat.db.prepare(sql).get() as { n: number }).n;
    const before = { categories: count('SELECT count(*) AS n FROM categories'), audit: count('SELECT count(*) AS n FROM audit') };
    const e = thrown(() =>
      applyImport(cat.db, {
        categories: [{ key: 'services.essai_conflit', label: 'Essai' }],
        creates: [],
        additions: [{ productId: 'mie-assistance', documents: [], versions: [], guarantees: [], rules: [], tariffs: [], close: { version: 'fermee-entre-temps', effectiveTo: '2026-01-01' } }],
        audit: [{ action: 'import', what: 'Essai', productId: 'mie-assistance', oldValue: null, newValue: null, comment: null }],
      }),
    );
    expectError(e, 'CONFLICT', /produit mie-assistance : la version fermee-entre-temps n’est plus ouverte.*rien n’a été importé/);
    expect({ categories: count('SELECT count(*) AS n FROM categories'), audit: count('SELECT count(*) AS n FROM audit') }).toEqual(before);
  });
});
