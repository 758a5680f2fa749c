/**
 * The Excel template written from the catalogue (layout.ts): one sheet per part, one row per entry,
 * French headers, sources in their own sheet cited by id. Written with the export folder's streaming
 * writer (src/main/export/workbook-writer.ts): texts are always string cells (safe-cell.ts: a text
 * starting with = + - @ is never a formula) and the same catalogue gives the same bytes.
 */
import type { Style } from 'exceljs';
import type { ProductFile, Source, TaxonomyFile } from '../../shared/core/catalogue-schema';
import { sourceFileText } from '../../shared/core/source-label';
import { cleanText } from '../export/safe-cell';
import { writeWorkbook, type CellValue, type SheetRow, type SheetSpec } from '../export/workbook-writer';
import { GrilleError } from '../../shared/errors';
import { ALL, NONE, NOTICE_SHEET, SHEETS, enumLabel, noticeRows, quantityColumns, type SheetLayout } from './layout';

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

const euros = (cents: number | undefined): CellValue => (cents === undefined ? null : cents / 100);

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
      const t = exact('sources', 'la source');
      // a value keyed in without a document reads « sans source » (xlsx-import.ts reads it back)
      this.rows.push([id, t.text(sourceFileText(s.file)), t.text(s.section), s.lines[0], s.lines[1], t.text(s.quote)]);
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

const layoutNamed = (name: string) => SHEETS.find((s) => s.name === name)!;

/** The rows of every sheet; tariff rows are produced lazily (a 1 M-cell table is never built whole twice). */
function sheetsOf(products: ProductFile[], taxonomy: TaxonomyFile['categories']): SheetSpec[] {
  const ids = new SourceIds();
  const rows: Record<string, Row[]> = {};
  const push = (name: string, row: Row) => (rows[name] ??= []).push(row);
  for (const p of products) {
    const id = p.product.id;
    const t = exact(id, 'le texte');
    const pr = p.product;
    push('produit', [id, pr.kind, t.text(pr.name), pr.insurer, pr.distributor, t.list(pr.subscribers, ', '), t.list(pr.references, '; '), pr.attachedTo, t.text(pr.description), ids.id(pr.source)]);
    for (const o of p.organisations) {
      push('organisations', [id, o.id, t.text(o.name), o.roles.map((r) => enumLabel(layoutNamed('organisations').columns[3]!.values!, r)).join(', '), t.text(o.details), ids.id(o.source)]);
    }
    for (const d of p.documents) push('documents', [id, d.id, t.text(sourceFileText(d.file)), t.text(d.title), t.text(d.kind), d.lines[0], d.lines[1], d.date]);
    for (const f of p.formulas) push('formules', [id, f.code, t.text(f.label), enumLabel(layoutNamed('formules').columns[3]!.values!, f.kind), t.text(f.description), ids.id(f.source)]);
    for (const s of p.segments) {
      push('segments', [id, s.code, t.text(s.label), s.roles.join(', '), s.status, s.ageMin, s.ageMax, ids.id(s.source)]);
    }
    for (const v of p.versions) {
      const mode = v.revision ? enumLabel(layoutNamed('versions').columns[7]!.values!, v.revision.mode) : null;
      push('versions', [id, v.code, t.text(v.label), v.effectiveFrom, v.effectiveTo, v.document, t.text(v.reference), mode, ids.id(v.source)]);
      for (const c of v.revision?.components ?? []) push('révisions', [id, v.code, t.text(c.label), c.rate]);
    }
    for (const c of p.categories) push('catégories', [id, c.key, t.text(c.label)]);
    const statusValues = layoutNamed('garanties').columns.find((c) => c.field === 'status')!.values!;
    const quantityKeys = Object.keys(quantityColumns) as (keyof typeof quantityColumns)[];
    for (const g of p.guarantees) {
      const q = quantityKeys.map((k) => (quantityColumns[k].kind === 'euros' ? euros(g.quantities[k]) : (g.quantities[k] ?? null)));
      const derived = g.derived === undefined ? null : g.derived.length === 0 ? NONE : g.derived.map((d) => quantityColumns[d as keyof typeof quantityColumns]?.header ?? d).join(', ');
      push('garanties', [
        id,
        g.category,
        t.text(g.label),
        t.codes(g.formulas),
        t.codes(g.versions),
        enumLabel(statusValues, g.status),
        ...q,
        derived,
        t.text(g.text),
        t.text(g.trigger),
        t.text(g.beneficiary),
        t.text(g.conditions),
        ids.id(g.source),
      ]);
    }
    for (const r of p.rules) push('règles', [id, r.type, t.codes(r.versions), t.codes(r.formulas), JSON.stringify(r.params), t.text(r.text), ids.id(r.source)]);
  }
  // tariff sources are registered now (so the sources sheet is complete), the rows written lazily
  const tariffSources: CellValue[][] = products.map((p) => {
    const seen = new Map<Source, CellValue>();
    return p.tariffs.map((c) => {
      let sid = seen.get(c.source);
      if (sid === undefined) {
        sid = ids.id(c.source);
        seen.set(c.source, sid);
      }
      return sid;
    });
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
  const periodValues = layoutNamed('tarifs').columns.find((c) => c.field === 'period')!.values!;
  const tariffRows = function* (): Generator<Row> {
    for (let i = 0; i < products.length; i++) {
      const p = products[i]!;
      const sources = tariffSources[i]!;
      for (let j = 0; j < p.tariffs.length; j++) {
        const c = p.tariffs[j]!;
        yield [p.product.id, c.version, c.formula, c.option === '' ? null : c.option, c.segment, c.zone === '' ? null : c.zone, c.amountCents / 100, enumLabel(periodValues, c.period), sources[j]!];
      }
    }
  };
  const taxonomyRows = taxonomy.map((c): Row => [c.key, exact('taxonomie', 'le libellé').text(c.label), c.order ?? null]);
  const notice: SheetSpec = {
    name: NOTICE_SHEET,
    widths: [14, 24, 18, 110],
    rows: noticeRows().map((values, i): SheetRow => ({ values, ...(i === 0 ? { style: titleStyle } : i === 5 ? { style: headerStyle } : {}) })),
  };
  return [
    notice,
    ...SHEETS.map((layout) => {
      if (layout.name === 'tarifs') return sheet(layout, tariffRows());
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
