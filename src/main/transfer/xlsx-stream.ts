/**
 * The streaming side of the Excel import: the zip container checked first (zip-guard.ts), then
 * exceljs's streaming reader over the checked entries only, row by row, so a large tariff sheet is
 * never held whole as cell objects. Each sheet is matched to its layout (layout.ts) by name, each
 * column by its header, and every cell read for its column (cells.ts): formula cells give their saved
 * value only; text is never evaluated. What the rows mean is xlsx-import.ts's.
 */
import { isAscii } from 'node:buffer';
import { Readable } from 'node:stream';
import { crc32, deflateRawSync } from 'node:zlib';
import ExcelJS from 'exceljs';
import { readCell, rawCell, type CellValue, type ReadOptions } from './cells';
import { NOTICE_SHEET, SHEETS, columnLetter, fold, sheetByName, type ColumnSpec, type SheetLayout } from './layout';
import { mib, type ImportLimits } from './limits';
import { rejectFile, type Problems } from './problems';
import { checkedInflate, inspectZip, repack, type ZipEntry } from './zip-guard';

export interface Rec {
  row: number;
  v: Record<string, CellValue | undefined>;
  /** fields whose cell was reported as bad */
  bad: Set<string>;
}

export interface SheetRead {
  layout: SheetLayout;
  /** the actual sheet name */
  name: string;
  /** field → column number (1-based) */
  positions: Map<string, number>;
  records: Rec[];
}

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

export function columnLabel(sheet: SheetRead | undefined, col: ColumnSpec): string {
  const n = sheet?.positions.get(col.key);
  return n ? `${columnLetter(n)} (${col.header})` : `« ${col.header} »`;
}

/** Told how many rows were read so far, every few thousand rows (a job's progress, and its cancellation point). */
export type RowsRead = (rows: number) => void;
const ROWS_PER_REPORT = 2000;

interface SheetState {
  layout: SheetLayout;
  name: string;
  sheet: SheetRead;
  /** the column of each cell position (null: not a column of the layout), once the header row is read */
  columns: (ColumnSpec | null)[] | null;
  headerOk: boolean;
}

const expectedHeaders = (layout: SheetLayout) => layout.columns.map((c) => c.header).join(', ');

/** The header row: each cell's column, the duplicates, the unknown and the missing required ones. */
function readHeader(state: SheetState, row: StreamRow, values: unknown[], problems: Problems): void {
  const { layout, name, sheet } = state;
  const columns: (ColumnSpec | null)[] = [];
  // the first row that holds anything is the header row, and it must be row 1
  if (row.number !== 1) problems.add({ sheet: name, row: 1 }, `ligne d'en-têtes absente : la ligne 1 doit porter les en-têtes (${expectedHeaders(layout)})`);
  const found = new Set<ColumnSpec>();
  for (let c = 1; c < values.length; c++) {
    const cell = rawCell(values[c]);
    if (cell.type === 'empty') {
      columns[c] = null;
      continue;
    }
    const text = cell.type === 'text' ? cell.text : cell.type === 'number' ? String(cell.value) : '';
    const spec = layout.columns.find((s) => fold(s.header) === fold(text));
    if (!spec) {
      problems.add({ sheet: name, row: row.number, column: columnLetter(c) }, `colonne inconnue « ${text} » : en-têtes attendus ${layout.columns.map((s) => `« ${s.header} »`).join(', ')}`);
      columns[c] = null;
    } else if (found.has(spec)) {
      problems.add({ sheet: name, row: row.number, column: columnLetter(c) }, `colonne « ${spec.header} » en double`);
      columns[c] = null;
    } else {
      found.add(spec);
      columns[c] = spec;
      sheet.positions.set(spec.key, c);
    }
  }
  state.headerOk = row.number === 1;
  for (const spec of layout.columns) {
    if (spec.required && !found.has(spec)) {
      problems.add({ sheet: name, row: row.number }, `colonne obligatoire « ${spec.header} » absente (${spec.help})`);
      state.headerOk = false;
    }
  }
  state.columns = columns;
}

/** A row below the header: every column's cell read for its field (a bad one said and marked), or nothing for an empty row. */
function readRecord(state: SheetState, row: StreamRow, values: unknown[], options: ReadOptions, problems: Problems): void {
  const { layout, name, sheet, columns } = state;
  const rec: Rec = { row: row.number, v: {}, bad: new Set() };
  let any = false;
  for (let c = 1; c < values.length; c++) {
    const cell = rawCell(values[c]);
    if (cell.type === 'empty') continue;
    any = true;
    if (!columns![c]) problems.add({ sheet: name, row: row.number, column: columnLetter(c) }, 'valeur dans une colonne sans en-tête reconnu');
  }
  if (!any) return;
  for (const spec of layout.columns) {
    const c = sheet.positions.get(spec.key);
    const r = readCell(rawCell(c === undefined ? undefined : values[c]), spec, options);
    if (r.ok) rec.v[spec.key] = r.value;
    else {
      rec.bad.add(spec.key);
      problems.add({ sheet: name, row: row.number, column: columnLabel(sheet, spec) }, r.message);
    }
  }
  sheet.records.push(rec);
}

/** The sheet a worksheet of the file is (null: the notice, an unknown or a repeated sheet, whose rows are still counted). */
function sheetState(name: string, seen: Map<string, string>, problems: Problems): SheetState | null {
  const layout = sheetByName(name);
  if (!layout) {
    problems.add({ sheet: name }, `feuille inconnue : feuilles attendues ${SHEETS.map((s) => `« ${s.name} »`).join(', ')} (et « ${NOTICE_SHEET} »)`);
    return null;
  }
  if (seen.has(layout.name)) {
    problems.add({ sheet: name }, `feuille en double (déjà lue sous le nom « ${seen.get(layout.name)} »)`);
    seen.set(layout.name, name);
    return null;
  }
  seen.set(layout.name, name);
  return { layout, name, sheet: { layout, name, positions: new Map(), records: [] }, columns: null, headerOk: false };
}

/**
 * The sheets of a workbook, each row read for its columns (cells.ts). Cell problems go to `problems`;
 * a limit passed or an unreadable container throws at once.
 */
export async function readSheets(buf: Buffer, file: string, limits: ImportLimits, problems: Problems, onRows?: RowsRead): Promise<Map<SheetLayout, SheetRead>> {
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
      if (fold(name) === fold(NOTICE_SHEET)) {
        for await (const _rows of rowBatches(ws)) void _rows;
        continue;
      }
      const state = sheetState(name, seen, problems);
      const date1904 = Boolean((reader as unknown as { model?: { properties?: { date1904?: boolean } } }).model?.properties?.date1904);
      const options: ReadOptions = { date1904, maxChars: limits.cellChars };
      for await (const row of rowsOf(ws)) {
        rowsRead += 1;
        if (onRows && rowsRead % ROWS_PER_REPORT === 0) onRows(rowsRead);
        const values = row.values as unknown[];
        if (row.number > limits.rows) throw rejectFile(file, `plus de ${limits.rows.toLocaleString('fr-FR')} lignes : fichier refusé`, { sheet: name });
        if (values.length - 1 > limits.columns) {
          throw rejectFile(file, `cellule en colonne ${columnLetter(values.length - 1)}, au-delà de la limite de ${limits.columns} colonnes : fichier refusé`, { sheet: name, row: row.number });
        }
        if (!state) continue;
        if (state.columns === null) readHeader(state, row, values, problems);
        else if (state.headerOk) readRecord(state, row, values, options, problems);
      }
      if (!state) continue;
      if (state.columns === null) problems.add({ sheet: name, row: 1 }, `feuille vide : la ligne 1 doit porter les en-têtes (${expectedHeaders(state.layout)})`);
      read.set(state.layout, state.sheet);
    }
  } catch (e) {
    // a rejection, or a job cancelled between two rows, is not an unreadable workbook
    if ((e as { name?: string }).name === 'ImportRejected' || (e as { code?: string }).code === 'CANCELLED') throw e;
    throw rejectFile(file, `classeur illisible : ${(e as Error).message}`);
  }
  for (const layout of SHEETS) if (layout.required && !read.has(layout)) problems.add({ sheet: layout.name }, 'feuille obligatoire absente');
  return read;
}
