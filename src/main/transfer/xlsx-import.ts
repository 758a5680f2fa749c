/**
 * Reading the Excel template (layout.ts) back into products. The sheets are read by the streaming
 * side (xlsx-stream.ts); here each row becomes its entry through the entity's field table
 * (sheet-fields.ts), then the parts are put together: rows by product, sources by id, revision
 * components onto their versions, and every path of a product located back at its sheet, row and column.
 */
import { sourceSchema, type Source } from '../../shared/core/catalogue-schema';
import { z } from 'zod';
import type { Part } from '../store/fields';
import { componentEntity, productEntity, sourceEntity, taxonomyEntity } from '../store/fields-catalogue';
import { SHEETS, type SheetLayout } from './layout';
import type { ImportLimits } from './limits';
import type { Problems } from './problems';
import { entryReader, type EntryContext, type EntryHook } from './sheet-fields';
import { pathKey, type ParsedInput, type ParsedProduct, type Path, type Where } from './validate';
import { columnLabel, readSheets, type Rec, type RowsRead, type SheetRead } from './xlsx-stream';

export type { RowsRead } from './xlsx-stream';

const fr = z.locales.fr().localeError;

type PartName = Exclude<Part, 'product'>;

interface Building {
  raw: Record<string, unknown>;
  rows: Record<string, number[]> & { product: number[] };
  sourceOf: Map<string, string>;
  reported: Set<string>;
  components: Map<string, { row: number; entry: Record<string, unknown> }[]>;
  /** version index → rows of its revision components */
  componentRows: Map<number, number[]>;
}

interface SourceRead {
  source: Source;
  row: number;
  bad: boolean;
}

/** What the steps share: the sheets read, the problems, the sources by id. */
interface Workbook {
  sheets: Map<SheetLayout, SheetRead>;
  problems: Problems;
  sources: Map<string, SourceRead>;
  sourcesSheet: SheetRead | undefined;
}

const layoutNamed = (name: string) => SHEETS.find((s) => s.name === name)!;
const sheetOf = (wb: Workbook, name: string) => wb.sheets.get(layoutNamed(name));

function cellWhere(sheet: SheetRead | undefined, layoutName: string, row: number | undefined, field: string | null): Where {
  const layout = layoutNamed(layoutName);
  const out: Where = { sheet: sheet?.name ?? layoutName };
  if (row !== undefined) out.row = row;
  if (field !== null) {
    const spec = layout.columns.find((c) => c.key === field) ?? layout.columns.find((c) => field.startsWith(`${c.key}.`) || c.key.startsWith(`${field}.`));
    if (spec) out.column = columnLabel(sheet, spec);
  }
  return out;
}

/** A revision is its mode in the versions sheet; its components come from their own sheet afterwards. */
const versionHooks: Record<string, EntryHook> = { revision: (v) => (v['revision.mode'] ? { mode: v['revision.mode'], components: [] } : undefined) };
const readers = new Map(SHEETS.map((s) => [s, entryReader(s.entity.fields, s.part === 'versions' ? versionHooks : {})]));
const readerOf = (layout: SheetLayout) => readers.get(layout)!;
const noSource: EntryContext = { source: undefined, problem: () => undefined };

function readSources(wb: Workbook): void {
  const sheet = wb.sourcesSheet;
  const read = entryReader(sourceEntity.fields);
  for (const r of sheet?.records ?? []) {
    const id = r.v.$id;
    if (typeof id !== 'string') continue;
    if (wb.sources.has(id)) {
      wb.problems.add(cellWhere(sheet, 'sources', r.row, '$id'), `source ${id} en double (déjà ligne ${wb.sources.get(id)!.row})`);
      continue;
    }
    // « sans source » is how the export writes the file of a value keyed in without a document
    const source = read(r.v, noSource) as Source;
    let bad = r.bad.size > 0;
    if (!bad) {
      const parsed = sourceSchema.safeParse(source, { error: fr });
      if (!parsed.success) {
        bad = true;
        for (const i of parsed.error.issues) {
          const field = i.path.length === 0 ? 'lines.1' : i.path.join('.');
          wb.problems.add(cellWhere(sheet, 'sources', r.row, field), i.message);
        }
      }
    }
    wb.sources.set(id, { source, row: r.row, bad });
  }
}

function readTaxonomy(wb: Workbook): ParsedInput['taxonomy'] {
  const sheet = sheetOf(wb, 'taxonomie');
  const read = entryReader(taxonomyEntity.fields);
  return (sheet?.records ?? []).filter((r) => r.bad.size === 0).map((r) => ({ raw: read(r.v, noSource), where: cellWhere(sheet, 'taxonomie', r.row, 'key') }));
}

/** The source a row cites, or undefined (the problem said once, its path marked). */
function sourceFor(wb: Workbook, b: Building, sheet: SheetRead | undefined, layoutName: string, rec: Rec, path: Path): Source | undefined {
  const id = rec.v.source;
  if (rec.bad.has('source') || id === null || id === undefined) {
    if (rec.bad.has('source')) b.reported.add(pathKey([...path, 'source']));
    return undefined;
  }
  b.sourceOf.set(pathKey(path), String(id));
  const s = wb.sources.get(String(id));
  if (!s && !wb.sourcesSheet) {
    // the sheet itself is missing (said once): no message per citing row
    b.reported.add(pathKey([...path, 'source']));
    return undefined;
  }
  if (!s) {
    wb.problems.add(cellWhere(sheet, layoutName, rec.row, 'source'), `source « ${String(id)} » absente de la feuille sources`);
    b.reported.add(pathKey([...path, 'source']));
    return undefined;
  }
  if (s.bad) b.reported.add(pathKey([...path, 'source']));
  return s.source;
}

const toPath = (f: string): Path => f.split('.').map((x) => (/^\d+$/.test(x) ? Number(x) : x));
function markBad(b: Building, rec: Rec, path: Path): void {
  for (const f of rec.bad) b.reported.add(pathKey([...path, ...toPath(f)]));
}

/** The context of one row's entry: its source, and where a value that is not one the field accepts is said. */
function entryContext(wb: Workbook, b: Building, sheet: SheetRead, rec: Rec, path: Path): EntryContext {
  return {
    source: sourceFor(wb, b, sheet, sheet.layout.name, rec, path),
    problem: (field, message) => {
      wb.problems.add(cellWhere(sheet, sheet.layout.name, rec.row, field.key), message);
      b.reported.add(pathKey([...path, field.key]));
    },
  };
}

function readProducts(wb: Workbook): Map<string, Building> {
  const sheet = sheetOf(wb, 'produit');
  const products = new Map<string, Building>();
  for (const r of sheet?.records ?? []) {
    const id = r.v.id;
    if (typeof id !== 'string') continue;
    if (products.has(id)) {
      wb.problems.add(cellWhere(sheet, 'produit', r.row, 'id'), `produit ${id} en double (déjà ligne ${products.get(id)!.rows.product[0]})`);
      continue;
    }
    const b: Building = { raw: {}, rows: { product: [r.row] }, sourceOf: new Map(), reported: new Set(), components: new Map(), componentRows: new Map() };
    markBad(b, r, ['product']);
    const parts = Object.fromEntries(SHEETS.filter((s) => s.part !== null && s.part !== 'product' && s.part !== 'components').map((s) => [s.part, []]));
    b.raw = { formatVersion: 1, product: readerOf(sheet!.layout)(r.v, entryContext(wb, b, sheet!, r, ['product'])), ...parts };
    products.set(id, b);
  }
  if (sheet && products.size === 0 && sheet.records.length === 0) wb.problems.add({ sheet: sheet.name }, 'aucun produit : la feuille produit doit avoir au moins une ligne');
  return products;
}

/** Every part sheet's rows onto their product (components kept aside for their versions). */
function readParts(wb: Workbook, products: Map<string, Building>): void {
  const read = entryReader(componentEntity.fields);
  for (const layout of SHEETS) {
    const part = layout.part as PartName | null;
    if (part === null || (layout.part as Part) === 'product') continue;
    const sheet = wb.sheets.get(layout);
    if (!sheet) continue;
    for (const r of sheet.records) {
      const pid = r.v.$product;
      if (typeof pid !== 'string') continue;
      const b = products.get(pid);
      if (!b) {
        wb.problems.add(cellWhere(sheet, layout.name, r.row, '$product'), `produit « ${pid} » absent de la feuille produit`);
        continue;
      }
      if (part === 'components') {
        const version = typeof r.v.$version === 'string' ? r.v.$version : '';
        const list = b.components.get(version) ?? [];
        list.push({ row: r.row, entry: read(r.v, noSource) });
        b.components.set(version, list);
        continue;
      }
      const list = b.raw[part] as unknown[];
      const path: Path = [part, list.length];
      (b.rows[part] ??= []).push(r.row);
      markBad(b, r, path);
      list.push(readerOf(layout)(r.v, entryContext(wb, b, sheet, r, path)));
    }
  }
}

/** Revision components onto their versions; a revision without components is said at its version. */
function attachComponents(wb: Workbook, b: Building): void {
  const componentsSheet = sheetOf(wb, 'révisions');
  const versions = b.raw.versions as { code: unknown; revision?: { mode: unknown; components: unknown[] } }[];
  for (const [code, list] of b.components) {
    const index = versions.findIndex((v) => v.code === code);
    const version = versions[index];
    if (!version) {
      for (const c of list) wb.problems.add(cellWhere(componentsSheet, 'révisions', c.row, '$version'), `version « ${code} » absente de la feuille versions pour ce produit`);
      continue;
    }
    if (!version.revision) {
      wb.problems.add(cellWhere(componentsSheet, 'révisions', list[0]!.row, '$version'), `la version ${code} n'a pas de mode de révision (colonne « révision » de la feuille versions : additive ou composée)`);
      b.reported.add(pathKey(['versions', index, 'revision']));
      continue;
    }
    version.revision.components = list.map((c) => c.entry);
    b.componentRows.set(index, list.map((c) => c.row));
  }
  versions.forEach((v, index) => {
    if (v.revision && v.revision.components.length === 0 && !b.reported.has(pathKey(['versions', index, 'revision']))) {
      wb.problems.add(cellWhere(sheetOf(wb, 'versions'), 'versions', b.rows.versions?.[index], 'revision.mode'), `révision ${String(v.revision.mode)} sans composantes : ajoutez ses lignes dans la feuille révisions`);
      b.reported.add(pathKey(['versions', index, 'revision']));
    }
  });
}

const layoutOfPart = new Map(SHEETS.filter((s) => s.part !== null).map((s) => [s.part as string, s.name]));

/** Where a path of the product stands in the workbook: its sheet, row and column (a source's cell in the sources sheet). */
function locator(wb: Workbook, b: Building): (path: Path) => Where {
  const productSheet = sheetOf(wb, productEntity.sheet);
  const productRow = b.rows.product[0]!;
  const sourceWhere = (id: string | undefined, rest: Path): Where | null => {
    const s = id === undefined ? undefined : wb.sources.get(id);
    return s ? cellWhere(wb.sourcesSheet, 'sources', s.row, rest.join('.')) : null;
  };
  return (path) => {
    const [part, i, ...rest] = path;
    if (part === undefined) return { sheet: productSheet?.name ?? 'produit', row: productRow };
    if (part === 'product') {
      if (path[1] === 'source' && path.length > 2) return sourceWhere(b.sourceOf.get('product'), path.slice(2)) ?? cellWhere(productSheet, 'produit', productRow, 'source');
      return cellWhere(productSheet, 'produit', productRow, path.length > 1 ? path.slice(1).join('.') : null);
    }
    const layoutName = part === 'components' ? undefined : layoutOfPart.get(String(part));
    if (!layoutName) return { sheet: productSheet?.name ?? 'produit', row: productRow };
    const sheet = sheetOf(wb, layoutName);
    if (typeof i !== 'number' || b.rows[String(part)]?.[i] === undefined) return { sheet: sheet?.name ?? layoutName };
    const row = b.rows[String(part)]![i]!;
    if (rest[0] === 'source' && rest.length > 1) return sourceWhere(b.sourceOf.get(pathKey([part, i])), rest.slice(1)) ?? cellWhere(sheet, layoutName, row, 'source');
    if (part === 'versions' && rest[0] === 'revision' && rest[1] === 'components' && typeof rest[2] === 'number') {
      const crow = b.componentRows.get(i)?.[rest[2]];
      if (crow !== undefined) return cellWhere(sheetOf(wb, 'révisions'), 'révisions', crow, rest.length > 3 ? rest.slice(3).join('.') : null);
    }
    return cellWhere(sheet, layoutName, row, rest.length ? rest.join('.') : null);
  };
}

/** Reads a catalogue workbook. Cell problems go to `problems`; limits and a broken container throw at once. */
export async function readCatalogueWorkbook(buf: Buffer, file: string, limits: ImportLimits, problems: Problems, onRows?: RowsRead): Promise<ParsedInput> {
  const sheets = await readSheets(buf, file, limits, problems, onRows);
  const wb: Workbook = { sheets, problems, sources: new Map(), sourcesSheet: sheets.get(layoutNamed('sources')) };
  readSources(wb);
  const taxonomy = readTaxonomy(wb);
  const products = readProducts(wb);
  readParts(wb, products);
  const order = [...products.values()];
  for (const b of order) attachComponents(wb, b);
  const parsed: ParsedProduct[] = order.map((b) => ({ raw: b.raw, locate: locator(wb, b), reported: b.reported, shaped: true }));
  return { format: 'xlsx', taxonomy, products: parsed };
}
