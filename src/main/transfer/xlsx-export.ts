/**
 * The Excel template written from the catalogue (layout.ts): one sheet per part, one row per entry,
 * French headers, sources in their own sheet cited by id; each row's cells from its entity's field
 * table (sheet-fields.ts). Written with the export folder's streaming
 * writer (src/main/export/workbook-writer.ts): texts are always string cells (safe-cell.ts: a text
 * starting with = + - @ is never a formula) and the same catalogue gives the same bytes.
 */
import type { Style } from 'exceljs';
import type { ProductFile, Source, TaxonomyFile } from '../../shared/core/catalogue-schema';
import { cleanText } from '../export/safe-cell';
import { writeWorkbook, type CellValue, type SheetRow, type SheetSpec } from '../export/workbook-writer';
import { GrilleError } from '../../shared/errors';
import type { Part } from '../store/fields';
import { sourceEntity } from '../store/fields-catalogue';
import { ALL, NONE, NOTICE_SHEET, SHEETS, noticeRows, type SheetLayout } from './layout';
import { cellWriter, type CellContext } from './sheet-fields';

const headerStyle: Partial<Style> = {
  font: { bold: true, color: { argb: 'FFFFFFFF' } },
  fill: { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FF1F4E78' } },
  alignment: { vertical: 'middle', wrapText: true },
};
const titleStyle: Partial<Style> = { font: { bold: true, size: 14 } };

type Row = CellValue[];

/** Texts go into cells exactly, or the export refuses to lose them. */
function exact(productId: string, what: string) {
  const check = (s: string, list = false): string => {
    if (s === '' || cleanText(s) !== s || (list && s.trim() !== s)) {
      throw new GrilleError(
        'INVALID_INPUT',
        `${productId} : ${what} « ${s.slice(0, 40)} » ne peut pas être écrit tel quel dans un classeur (texte vide, caractère de contrôle, espaces aux bords ou plus de 32 767 caractères) ; exportez ce produit en JSON`,
      );
    }
    return s;
  };
  return {
    text: (s: string | undefined | null): CellValue => (s === undefined || s === null ? null : check(s)),
    /** a code read back without the spaces around it */
    code: (s: string): CellValue => check(s, true),
    list: (items: string[], separator: string): CellValue => {
      if (items.length === 0) return null;
      for (const i of items) {
        check(i, true);
        if (i.includes(separator.trim()) || i === NONE) throw new GrilleError('INVALID_INPUT', `${productId} : ${what} « ${i} » contient « ${separator.trim()} » ; exportez ce produit en JSON`);
      }
      return items.join(separator);
    },
    codes: (items: string[]): CellValue => {
      if (items.length === 0) return NONE;
      for (const i of items) {
        check(i, true);
        if (i.includes(',') || i === NONE || (i === ALL && items.length > 1)) throw new GrilleError('INVALID_INPUT', `${productId} : ${what} « ${i} » ne peut pas être écrit dans une liste du classeur ; exportez ce produit en JSON`);
      }
      return items.join(', ');
    },
  };
}

const sourceRow = cellWriter(sourceEntity.fields);

/** Sources deduplicated across the workbook: S1, S2… in order of first use. */
class SourceIds {
  readonly rows: Row[] = [];
  private readonly ids = new Map<string, string>();
  id(s: Source | undefined): CellValue {
    if (!s) return null;
    const key = JSON.stringify([s.file, s.section, s.lines[0], s.lines[1], s.quote]);
    let id = this.ids.get(key);
    if (id === undefined) {
      id = `S${this.ids.size + 1}`;
      this.ids.set(key, id);
      // a value keyed in without a document reads « sans source » (the file name field's cell)
      this.rows.push(sourceRow(s, { t: exact('sources', 'la source'), source: () => null, context: { $id: id } }));
    }
    return id;
  }
}

function sheet(layout: SheetLayout, rows: Iterable<Row>): SheetSpec {
  return {
    name: layout.name,
    widths: layout.columns.map((c) => c.width),
    frozen: { rows: 1, columns: 0 },
    rows: (function* () {
      yield { values: layout.columns.map((c) => c.header), style: headerStyle };
      for (const values of rows) yield { values } satisfies SheetRow;
    })(),
  };
}

/** The cells of each sheet's rows, from its columns (the field tables). */
const writers = new Map(SHEETS.map((s) => [s.name, cellWriter(s.columns)]));
const rowOf = (sheetName: string) => writers.get(sheetName)!;

/** The parts written row by row per product, in the order their sources are numbered (tariffs come after). */
const productParts = SHEETS.filter((s) => s.part !== null && s.part !== 'product' && s.part !== 'components' && s.part !== 'tariffs');

/** Every product's rows but its tariff cells, into `rows` by sheet name; sources numbered in order of first use. */
function productRows(products: ProductFile[], ids: SourceIds, rows: Record<string, Row[]>): void {
  const push = (name: string, row: Row) => (rows[name] ??= []).push(row);
  for (const p of products) {
    const id = p.product.id;
    const ctx: CellContext = { t: exact(id, 'le texte'), source: (s) => ids.id(s), context: { $product: id } };
    push('produit', rowOf('produit')(p.product, ctx));
    for (const layout of productParts) {
      for (const entry of p[layout.part as Exclude<Part, 'product' | 'components' | 'tariffs'>]) {
        push(layout.name, rowOf(layout.name)(entry, ctx));
        // a version's revision components follow it, in their own sheet
        if (layout.part !== 'versions') continue;
        const v = entry as ProductFile['versions'][number];
        for (const c of v.revision?.components ?? []) push('révisions', rowOf('révisions')(c, { ...ctx, context: { $product: id, $version: v.code } }));
      }
    }
  }
}

/** Tariff rows, produced lazily (a 1 M-cell table is never built whole twice); their sources registered now, so the sources sheet is complete. */
function tariffRows(products: ProductFile[], ids: SourceIds): () => Generator<Row> {
  const tariffSources = products.map((p) => {
    const seen = new Map<Source, CellValue>();
    for (const c of p.tariffs) if (!seen.has(c.source)) seen.set(c.source, ids.id(c.source));
    return seen;
  });
  for (const p of products) {
    // option and zone codes are read back trimmed: they must not start or end with a space
    const checked = new Set<string>();
    const t = exact(p.product.id, 'le code');
    for (const c of p.tariffs) {
      for (const code of [c.option, c.zone]) {
        if (code === '' || checked.has(code)) continue;
        checked.add(code);
        t.code(code);
      }
    }
  }
  const row = rowOf('tarifs');
  return function* () {
    for (let i = 0; i < products.length; i++) {
      const p = products[i]!;
      const sources = tariffSources[i]!;
      const ctx: CellContext = { t: exact(p.product.id, 'le texte'), source: (s) => sources.get(s!)!, context: { $product: p.product.id } };
      for (const c of p.tariffs) yield row(c, ctx);
    }
  };
}

/** The rows of every sheet. */
function sheetsOf(products: ProductFile[], taxonomy: TaxonomyFile['categories']): SheetSpec[] {
  const ids = new SourceIds();
  const rows: Record<string, Row[]> = {};
  productRows(products, ids, rows);
  const tariffs = tariffRows(products, ids);
  const taxonomyCtx: CellContext = { t: exact('taxonomie', 'le libellé'), source: () => null, context: {} };
  const taxonomyRows = taxonomy.map((c): Row => rowOf('taxonomie')(c, taxonomyCtx));
  const notice: SheetSpec = {
    name: NOTICE_SHEET,
    widths: [14, 24, 18, 110],
    rows: noticeRows().map((values, i): SheetRow => ({ values, ...(i === 0 ? { style: titleStyle } : i === 5 ? { style: headerStyle } : {}) })),
  };
  return [
    notice,
    ...SHEETS.map((layout) => {
      if (layout.name === 'tarifs') return sheet(layout, tariffs());
      if (layout.name === 'sources') return sheet(layout, ids.rows);
      if (layout.name === 'taxonomie') return sheet(layout, taxonomyRows);
      return sheet(layout, rows[layout.name] ?? []);
    }),
  ];
}

/** The document date: the latest date the catalogue itself gives (so the same catalogue gives the same file). */
function catalogueDate(products: ProductFile[]): string {
  let latest = '2000-01-01';
  for (const p of products) {
    for (const d of p.documents) if (d.date && d.date > latest) latest = d.date;
    for (const v of p.versions) if (v.effectiveFrom && v.effectiveFrom > latest) latest = v.effectiveFrom;
  }
  return latest;
}

export async function writeCatalogueWorkbook(products: ProductFile[], taxonomy: TaxonomyFile['categories']): Promise<Buffer> {
  const sheets = sheetsOf(products, taxonomy);
  return writeWorkbook({
    properties: {
      title: 'Catalogue Grille',
      subject: products.map((p) => p.product.id).join(', '),
      description: 'Modèle de catalogue Grille : une feuille par partie, une ligne par élément (voir la feuille notice).',
      date: new Date(`${catalogueDate(products)}T00:00:00Z`),
    },
    sheets,
  });
}
