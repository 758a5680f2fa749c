/**
 * Reading the Excel template (layout.ts) back into products. The zip container is checked first
 * (zip-guard.ts); exceljs's streaming reader then reads only the checked entries, row by row, so a
 * large tariff sheet is never held whole as cell objects. Every cell is read for its column
 * (cells.ts): formula cells give their saved value only; text is never evaluated.
 */
import { isAscii } from 'node:buffer';
import { Readable } from 'node:stream';
import { crc32, deflateRawSync } from 'node:zlib';
import ExcelJS from 'exceljs';
import { sourceSchema, type Source } from '../../shared/core/catalogue-schema';
import { sourceFileFromText } from '../../shared/core/source-label';
import { z } from 'zod';
import { readCell, rawCell, type CellValue } from './cells';
import { NOTICE_SHEET, SHEETS, columnLetter, fold, quantityColumns, sheetByName, type ColumnSpec, type SheetLayout } from './layout';
import { mib, type ImportLimits } from './limits';
import { rejectFile, type Problems } from './problems';
import { pathKey, type ParsedInput, type ParsedProduct, type Path, type Where } from './validate';
import { checkedInflate, inspectZip, repack, type ZipEntry } from './zip-guard';

interface Rec {
  row: number;
  v: Record<string, CellValue | undefined>;
  /** fields whose cell was reported as bad */
  bad: Set<string>;
}

interface SheetRead {
  layout: SheetLayout;
  /** the actual sheet name */
  name: string;
  /** field → column number (1-based) */
  positions: Map<string, number>;
  records: Rec[];
}

type Part = Exclude<SheetLayout['part'], null | 'product'>;

const fr = z.locales.fr().localeError;

/** The checked entries exceljs needs, in the order its streaming reader wants them. */
function selectEntries(buf: Buffer, file: string, limits: ImportLimits): Buffer {
  if (buf.length > limits.xlsxBytes) throw rejectFile(file, `fichier de ${mib(buf.length)} : ${mib(limits.xlsxBytes)} au plus pour un classeur`);
  const entries = inspectZip(buf, file, limits);
  const byName = new Map(entries.map((e) => [e.name, e]));
  const workbook = byName.get('xl/workbook.xml');
  const rels = byName.get('xl/_rels/workbook.xml.rels');
  if (!workbook || !rels) throw rejectFile(file, "archive zip qui n'est pas un classeur Excel (xl/workbook.xml absent)");
  const sheets = entries
    .filter((e) => /^xl\/worksheets\/sheet\d+\.xml$/.test(e.name))
    .sort((a, b) => Number(/(\d+)\.xml$/.exec(a.name)![1]) - Number(/(\d+)\.xml$/.exec(b.name)![1]));
  const keep: ZipEntry[] = [rels, workbook, ...(byName.has('xl/sharedStrings.xml') ? [byName.get('xl/sharedStrings.xml')!] : []), ...sheets];
  let total = 0;
  const packed: (ZipEntry & { data?: Buffer })[] = [];
  for (const e of keep) {
    const xml = checkedInflate(buf, e, file);
    total += xml.length;
    if (total > limits.zipUncompressedBytes) throw rejectFile(file, `contenu décompressé supérieur à ${mib(limits.zipUncompressedBytes)} : fichier refusé`);
    const ascii = asciiXml(xml);
    if (ascii === null) packed.push(e);
    else {
      const data = deflateRawSync(ascii, { level: 1 });
      packed.push({ ...e, method: 8, crc32: crc32(ascii), compressedSize: data.length, uncompressedSize: ascii.length, data });
    }
  }
  return repack(buf, packed);
}

/**
 * exceljs's streaming reader decodes each chunk of an entry to text on its own
 * (exceljs/lib/utils/parse-sax.js), so a character whose UTF-8 bytes fall on both sides of a chunk
 * boundary comes out garbled ("pr��sence"). An entry holding any such character is handed over with
 * every non-ASCII character written as a character reference (&#233;), which the XML parser reads
 * back as the character: no chunk can split one. Null when the entry is ASCII already.
 */
function asciiXml(xml: Buffer): Buffer | null {
  if (isAscii(xml)) return null;
  // UTF-16 parts (a byte-order mark FF FE or FE FF) are left as they are
  if ((xml[0] === 0xff && xml[1] === 0xfe) || (xml[0] === 0xfe && xml[1] === 0xff)) return null;
  let text = xml.toString('utf8');
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  return Buffer.from(
    text.replace(/[\u0080-\u{10ffff}]/gu, (c) => `&#${c.codePointAt(0)!};`),
    'ascii',
  );
}

interface StreamRow {
  number: number;
  values: unknown;
}

/**
 * The rows of a sheet in the batches exceljs parses them in (one await per chunk of the file rather than
 * one per row: a million-row sheet is read markedly faster).
 */
async function* rowBatches(ws: unknown): AsyncGenerator<StreamRow[]> {
  const reader = ws as { parse(): AsyncIterable<{ eventType: string; value: unknown }[]> };
  for await (const events of reader.parse()) {
    const rows: StreamRow[] = [];
    for (const e of events) if (e.eventType === 'row') rows.push(e.value as StreamRow);
    if (rows.length) yield rows;
  }
}

/** Rows one by one, from the batches (a synchronous loop inside each batch). */
async function* rowsOf(ws: unknown): AsyncGenerator<StreamRow> {
  for await (const batch of rowBatches(ws)) yield* batch;
}

function columnLabel(sheet: SheetRead | undefined, col: ColumnSpec): string {
  const n = sheet?.positions.get(col.field);
  return n ? `${columnLetter(n)} (${col.header})` : `« ${col.header} »`;
}

/** Told how many rows were read so far, every few thousand rows (a job's progress, and its cancellation point). */
export type RowsRead = (rows: number) => void;
const ROWS_PER_REPORT = 2000;

async function readSheets(buf: Buffer, file: string, limits: ImportLimits, problems: Problems, onRows?: RowsRead): Promise<Map<SheetLayout, SheetRead>> {
  const zip = selectEntries(buf, file, limits);
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from([zip]), {
    worksheets: 'emit',
    sharedStrings: 'cache',
    hyperlinks: 'ignore',
    styles: 'ignore',
    entries: 'ignore',
  });
  const read = new Map<SheetLayout, SheetRead>();
  const seen = new Map<string, string>();
  let rowsRead = 0;
  try {
    for await (const ws of reader) {
      const name = String((ws as unknown as { name: string }).name);
      const layout = sheetByName(name);
      const skip = !layout;
      if (fold(name) === fold(NOTICE_SHEET)) {
        for await (const _rows of rowBatches(ws)) void _rows;
        continue;
      }
      if (!layout) problems.add({ sheet: name }, `feuille inconnue : feuilles attendues ${SHEETS.map((s) => `« ${s.name} »`).join(', ')} (et « ${NOTICE_SHEET} »)`);
      else if (seen.has(layout.name)) problems.add({ sheet: name }, `feuille en double (déjà lue sous le nom « ${seen.get(layout.name)} »)`);
      const sheet: SheetRead | undefined = layout && !seen.has(layout.name) ? { layout, name, positions: new Map(), records: [] } : undefined;
      if (layout) seen.set(layout.name, name);
      let columns: (ColumnSpec | null)[] | null = null;
      let headerOk = false;
      const date1904 = Boolean((reader as unknown as { model?: { properties?: { date1904?: boolean } } }).model?.properties?.date1904);
      for await (const row of rowsOf(ws)) {
        rowsRead += 1;
        if (onRows && rowsRead % ROWS_PER_REPORT === 0) onRows(rowsRead);
        const values = row.values as unknown[];
        if (row.number > limits.rows) throw rejectFile(file, `plus de ${limits.rows.toLocaleString('fr-FR')} lignes : fichier refusé`, { sheet: name });
        if (values.length - 1 > limits.columns) {
          throw rejectFile(file, `cellule en colonne ${columnLetter(values.length - 1)}, au-delà de la limite de ${limits.columns} colonnes : fichier refusé`, { sheet: name, row: row.number });
        }
        if (skip || !sheet) continue;
        if (columns === null) {
          // the first row that holds anything is the header row, and it must be row 1
          columns = [];
          if (row.number !== 1) problems.add({ sheet: name, row: 1 }, `ligne d'en-têtes absente : la ligne 1 doit porter les en-têtes (${layout!.columns.map((c) => c.header).join(', ')})`);
          const found = new Set<ColumnSpec>();
          for (let c = 1; c < values.length; c++) {
            const cell = rawCell(values[c]);
            if (cell.type === 'empty') {
              columns[c] = null;
              continue;
            }
            const text = cell.type === 'text' ? cell.text : cell.type === 'number' ? String(cell.value) : '';
            const spec = layout!.columns.find((s) => fold(s.header) === fold(text));
            if (!spec) {
              problems.add({ sheet: name, row: row.number, column: columnLetter(c) }, `colonne inconnue « ${text} » : en-têtes attendus ${layout!.columns.map((s) => `« ${s.header} »`).join(', ')}`);
              columns[c] = null;
            } else if (found.has(spec)) {
              problems.add({ sheet: name, row: row.number, column: columnLetter(c) }, `colonne « ${spec.header} » en double`);
              columns[c] = null;
            } else {
              found.add(spec);
              columns[c] = spec;
              sheet.positions.set(spec.field, c);
            }
          }
          headerOk = row.number === 1;
          for (const spec of layout!.columns) {
            if (spec.required && !found.has(spec)) {
              problems.add({ sheet: name, row: row.number }, `colonne obligatoire « ${spec.header} » absente (${spec.help})`);
              headerOk = false;
            }
          }
          continue;
        }
        if (!headerOk) continue;
        const rec: Rec = { row: row.number, v: {}, bad: new Set() };
        let any = false;
        for (let c = 1; c < values.length; c++) {
          const cell = rawCell(values[c]);
          if (cell.type === 'empty') continue;
          any = true;
          if (!columns[c]) problems.add({ sheet: name, row: row.number, column: columnLetter(c) }, 'valeur dans une colonne sans en-tête reconnu');
        }
        if (!any) continue;
        for (const spec of layout!.columns) {
          const c = sheet.positions.get(spec.field);
          const r = readCell(rawCell(c === undefined ? undefined : values[c]), spec, { date1904, maxChars: limits.cellChars });
          if (r.ok) rec.v[spec.field] = r.value;
          else {
            rec.bad.add(spec.field);
            problems.add({ sheet: name, row: row.number, column: columnLabel(sheet, spec) }, r.message);
          }
        }
        sheet.records.push(rec);
      }
      if (sheet && columns === null) problems.add({ sheet: name, row: 1 }, `feuille vide : la ligne 1 doit porter les en-têtes (${layout!.columns.map((c) => c.header).join(', ')})`);
      if (sheet) read.set(layout!, sheet);
    }
  } catch (e) {
    // a rejection, or a job cancelled between two rows, is not an unreadable workbook
    if ((e as { name?: string }).name === 'ImportRejected' || (e as { code?: string }).code === 'CANCELLED') throw e;
    throw rejectFile(file, `classeur illisible : ${(e as Error).message}`);
  }
  for (const layout of SHEETS) if (layout.required && !read.has(layout)) problems.add({ sheet: layout.name }, 'feuille obligatoire absente');
  return read;
}

/** Reads a catalogue workbook. Cell problems go to `problems`; limits and a broken container throw at once. */
export async function readCatalogueWorkbook(buf: Buffer, file: string, limits: ImportLimits, problems: Problems, onRows?: RowsRead): Promise<ParsedInput> {
  const sheets = await readSheets(buf, file, limits, problems, onRows);
  const sheetOf = (name: string) => sheets.get(SHEETS.find((s) => s.name === name)!);
  const cellWhere = (sheet: SheetRead | undefined, layoutName: string, row: number | undefined, field: string | null): Where => {
    const layout = SHEETS.find((s) => s.name === layoutName)!;
    const out: Where = { sheet: sheet?.name ?? layoutName };
    if (row !== undefined) out.row = row;
    if (field !== null) {
      const spec = layout.columns.find((c) => c.field === field) ?? layout.columns.find((c) => field.startsWith(`${c.field}.`) || c.field.startsWith(`${field}.`));
      if (spec) out.column = columnLabel(sheet, spec);
    }
    return out;
  };

  // sources, by id
  const sourcesSheet = sheetOf('sources');
  const sources = new Map<string, { source: Source; row: number; bad: boolean }>();
  for (const r of sourcesSheet?.records ?? []) {
    const id = r.v.id;
    if (typeof id !== 'string') continue;
    if (sources.has(id)) {
      problems.add(cellWhere(sourcesSheet, 'sources', r.row, 'id'), `source ${id} en double (déjà ligne ${sources.get(id)!.row})`);
      continue;
    }
    // « sans source » is how the export writes the file of a value keyed in without a document
    const source = { file: typeof r.v.file === 'string' ? sourceFileFromText(r.v.file) : r.v.file, section: r.v.section, lines: [r.v['lines.0'], r.v['lines.1']], quote: r.v.quote } as Source;
    let bad = r.bad.size > 0;
    if (!bad) {
      const parsed = sourceSchema.safeParse(source, { error: fr });
      if (!parsed.success) {
        bad = true;
        for (const i of parsed.error.issues) {
          const field = i.path.length === 0 ? 'lines.1' : i.path.join('.');
          problems.add(cellWhere(sourcesSheet, 'sources', r.row, field), i.message);
        }
      }
    }
    sources.set(id, { source, row: r.row, bad });
  }

  // taxonomy
  const taxSheet = sheetOf('taxonomie');
  const taxonomy = (taxSheet?.records ?? [])
    .filter((r) => r.bad.size === 0)
    .map((r) => ({
      raw: { key: r.v.key, label: r.v.label, ...(r.v.order !== null && r.v.order !== undefined ? { order: r.v.order } : {}) },
      where: cellWhere(taxSheet, 'taxonomie', r.row, 'key'),
    }));

  // products
  const productSheet = sheetOf('produit');
  interface Building {
    raw: Record<string, unknown>;
    rows: Record<string, number[]> & { product: number[] };
    sourceOf: Map<string, string>;
    reported: Set<string>;
    components: Map<string, { row: number; label: unknown; rate: unknown }[]>;
    /** version index → rows of its revision components */
    componentRows: Map<number, number[]>;
  }
  const products = new Map<string, Building>();
  const order: Building[] = [];
  const sourceFor = (b: Building, sheet: SheetRead | undefined, layoutName: string, rec: Rec, path: Path): Source | undefined => {
    const id = rec.v.source;
    if (rec.bad.has('source') || id === null || id === undefined) {
      if (rec.bad.has('source')) b.reported.add(pathKey([...path, 'source']));
      return undefined;
    }
    b.sourceOf.set(pathKey(path), String(id));
    const s = sources.get(String(id));
    if (!s && !sourcesSheet) {
      // the sheet itself is missing (said once): no message per citing row
      b.reported.add(pathKey([...path, 'source']));
      return undefined;
    }
    if (!s) {
      problems.add(cellWhere(sheet, layoutName, rec.row, 'source'), `source « ${String(id)} » absente de la feuille sources`);
      b.reported.add(pathKey([...path, 'source']));
      return undefined;
    }
    if (s.bad) b.reported.add(pathKey([...path, 'source']));
    return s.source;
  };
  const markBad = (b: Building, rec: Rec, path: Path, fieldToPath: (f: string) => Path = (f) => f.split('.').map((x) => (/^\d+$/.test(x) ? Number(x) : x))) => {
    for (const f of rec.bad) b.reported.add(pathKey([...path, ...fieldToPath(f)]));
  };
  const opt = <T>(key: string, v: T | null | undefined): Record<string, T> => (v === null || v === undefined ? {} : { [key]: v });

  for (const r of productSheet?.records ?? []) {
    const id = r.v.id;
    if (typeof id !== 'string') continue;
    if (products.has(id)) {
      problems.add(cellWhere(productSheet, 'produit', r.row, 'id'), `produit ${id} en double (déjà ligne ${products.get(id)!.rows.product[0]})`);
      continue;
    }
    const b: Building = {
      raw: {},
      rows: { product: [r.row] },
      sourceOf: new Map(),
      reported: new Set(),
      components: new Map(),
      componentRows: new Map(),
    };
    markBad(b, r, ['product']);
    const v = r.v;
    b.raw = {
      formatVersion: 1,
      product: {
        id,
        kind: v.kind,
        name: v.name,
        insurer: v.insurer,
        distributor: v.distributor ?? null,
        subscribers: v.subscribers ?? [],
        references: v.references ?? [],
        attachedTo: v.attachedTo ?? null,
        ...opt('description', v.description),
        source: sourceFor(b, productSheet, 'produit', r, ['product']),
      },
      organisations: [],
      documents: [],
      formulas: [],
      segments: [],
      versions: [],
      categories: [],
      guarantees: [],
      tariffs: [],
      rules: [],
    };
    products.set(id, b);
    order.push(b);
  }
  if (productSheet && products.size === 0 && productSheet.records.length === 0) problems.add({ sheet: productSheet.name }, 'aucun produit : la feuille produit doit avoir au moins une ligne');

  const partSheets: [string, Part][] = [
    ['organisations', 'organisations'],
    ['documents', 'documents'],
    ['formules', 'formulas'],
    ['segments', 'segments'],
    ['versions', 'versions'],
    ['révisions', 'components'],
    ['catégories', 'categories'],
    ['garanties', 'guarantees'],
    ['tarifs', 'tariffs'],
    ['règles', 'rules'],
  ];
  const quantityByHeader = new Map(Object.entries(quantityColumns).map(([k, q]) => [fold(q.header), k]));
  for (const [sheetName, part] of partSheets) {
    const sheet = sheetOf(sheetName);
    if (!sheet) continue;
    for (const r of sheet.records) {
      const pid = r.v.$product;
      if (typeof pid !== 'string') continue;
      const b = products.get(pid);
      if (!b) {
        problems.add(cellWhere(sheet, sheetName, r.row, '$product'), `produit « ${pid} » absent de la feuille produit`);
        continue;
      }
      const v = r.v;
      if (part === 'components') {
        const version = typeof v.$version === 'string' ? v.$version : '';
        const list = b.components.get(version) ?? [];
        list.push({ row: r.row, label: v.label, rate: v.rate });
        b.components.set(version, list);
        continue;
      }
      const list = b.raw[part] as unknown[];
      const index = list.length;
      const path: Path = [part, index];
      (b.rows[part] ??= []).push(r.row);
      markBad(b, r, path);
      const source = sourceFor(b, sheet, sheetName, r, path);
      switch (part) {
        case 'organisations':
          list.push({ id: v.id, name: v.name, roles: v.roles, ...opt('details', v.details), source });
          break;
        case 'documents':
          list.push({ id: v.id, file: typeof v.file === 'string' ? sourceFileFromText(v.file) : v.file, title: v.title, kind: v.kind, lines: [v['lines.0'], v['lines.1']], date: v.date ?? null });
          break;
        case 'formulas':
          list.push({ code: v.code, label: v.label, kind: v.kind, ...opt('description', v.description), ...opt('source', source) });
          break;
        case 'segments':
          list.push({ code: v.code, label: v.label, roles: v.roles, status: v.status ?? null, ageMin: v.ageMin ?? null, ageMax: v.ageMax ?? null, source });
          break;
        case 'versions':
          list.push({
            code: v.code,
            label: v.label,
            effectiveFrom: v.effectiveFrom ?? null,
            effectiveTo: v.effectiveTo ?? null,
            document: v.document,
            ...opt('reference', v.reference),
            ...(v['revision.mode'] ? { revision: { mode: v['revision.mode'], components: [] } } : {}),
            source,
          });
          break;
        case 'categories':
          list.push({ key: v.key, label: v.label });
          break;
        case 'guarantees': {
          const quantities: Record<string, unknown> = {};
          for (const k of Object.keys(quantityColumns)) {
            const q = v[`quantities.${k}`];
            if (q !== null && q !== undefined) quantities[k] = q;
          }
          let derived: string[] | undefined;
          if (Array.isArray(v.derived)) {
            derived = [];
            for (const d of v.derived) {
              const key = quantityByHeader.get(fold(d)) ?? (d in quantityColumns ? d : undefined);
              if (key === undefined) {
                problems.add(cellWhere(sheet, sheetName, r.row, 'derived'), `« ${d} » n'est pas une colonne de quantité (${Object.values(quantityColumns).map((q) => q.header).join(', ')})`);
                b.reported.add(pathKey([...path, 'derived']));
              } else derived.push(key);
            }
          }
          list.push({
            category: v.category,
            label: v.label,
            formulas: v.formulas,
            versions: v.versions,
            status: v.status,
            quantities,
            ...opt('derived', derived),
            text: v.text,
            ...opt('trigger', v.trigger),
            ...opt('beneficiary', v.beneficiary),
            ...opt('conditions', v.conditions),
            source,
          });
          break;
        }
        case 'tariffs':
          list.push({ version: v.version, formula: v.formula, option: v.option ?? '', segment: v.segment, zone: v.zone ?? '', amountCents: v.amountCents, period: v.period, source });
          break;
        case 'rules':
          list.push({ type: v.type, versions: v.versions, formulas: v.formulas, params: v.params, text: v.text, source });
          break;
      }
    }
  }

  // revision components onto their versions
  const componentsSheet = sheetOf('révisions');
  const versionsSheet = sheetOf('versions');
  for (const b of order) {
    const versions = b.raw.versions as { code: unknown; revision?: { mode: unknown; components: unknown[] } }[];
    const componentRows = b.componentRows;
    for (const [code, list] of b.components) {
      const index = versions.findIndex((v) => v.code === code);
      const version = versions[index];
      if (!version) {
        for (const c of list) problems.add(cellWhere(componentsSheet, 'révisions', c.row, '$version'), `version « ${code} » absente de la feuille versions pour ce produit`);
        continue;
      }
      if (!version.revision) {
        problems.add(cellWhere(componentsSheet, 'révisions', list[0]!.row, '$version'), `la version ${code} n'a pas de mode de révision (colonne « révision » de la feuille versions : additive ou composée)`);
        b.reported.add(pathKey(['versions', index, 'revision']));
        continue;
      }
      version.revision.components = list.map((c) => ({ label: c.label, rate: c.rate }));
      componentRows.set(index, list.map((c) => c.row));
    }
    versions.forEach((v, index) => {
      if (v.revision && v.revision.components.length === 0 && !b.reported.has(pathKey(['versions', index, 'revision']))) {
        problems.add(cellWhere(versionsSheet, 'versions', b.rows.versions?.[index], 'revision.mode'), `révision ${String(v.revision.mode)} sans composantes : ajoutez ses lignes dans la feuille révisions`);
        b.reported.add(pathKey(['versions', index, 'revision']));
      }
    });
  }

  const layoutOf: Record<string, string> = {
    organisations: 'organisations',
    documents: 'documents',
    formulas: 'formules',
    segments: 'segments',
    versions: 'versions',
    categories: 'catégories',
    guarantees: 'garanties',
    tariffs: 'tarifs',
    rules: 'règles',
  };
  const parsed: ParsedProduct[] = order.map((b) => {
    const componentRows = b.componentRows;
    const locate = (path: Path): Where => {
      const [part, i, ...rest] = path;
      if (part === undefined) return { sheet: productSheet?.name ?? 'produit', row: b.rows.product[0]! };
      if (part === 'product') {
        if (path[1] === 'source' && path.length > 2) return sourceWhere(b.sourceOf.get('product'), path.slice(2)) ?? cellWhere(productSheet, 'produit', b.rows.product[0], 'source');
        return cellWhere(productSheet, 'produit', b.rows.product[0], path.length > 1 ? path.slice(1).join('.') : null);
      }
      const layoutName = layoutOf[String(part)];
      if (!layoutName) return { sheet: productSheet?.name ?? 'produit', row: b.rows.product[0]! };
      const sheet = sheetOf(layoutName);
      if (typeof i !== 'number' || b.rows[String(part)]?.[i] === undefined) return { sheet: sheet?.name ?? layoutName };
      const row = b.rows[String(part)]![i]!;
      if (rest[0] === 'source' && rest.length > 1) return sourceWhere(b.sourceOf.get(pathKey([part, i])), rest.slice(1)) ?? cellWhere(sheet, layoutName, row, 'source');
      if (part === 'versions' && rest[0] === 'revision' && rest[1] === 'components' && typeof rest[2] === 'number') {
        const crow = componentRows.get(i)?.[rest[2]];
        if (crow !== undefined) return cellWhere(componentsSheet, 'révisions', crow, rest.length > 3 ? rest.slice(3).join('.') : null);
      }
      return cellWhere(sheet, layoutName, row, rest.length ? rest.join('.') : null);
    };
    const sourceWhere = (id: string | undefined, rest: Path): Where | null => {
      const s = id === undefined ? undefined : sources.get(id);
      return s ? cellWhere(sourcesSheet, 'sources', s.row, rest.join('.')) : null;
    };
    return { raw: b.raw, locate, reported: b.reported, shaped: true };
  });
  return { format: 'xlsx', taxonomy, products: parsed };
}
