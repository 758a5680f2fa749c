/**
 * Writes a workbook described as plain sheets of rows with exceljs's streaming writer, and makes the
 * file reproducible: the same spec gives the same bytes.
 *
 * Two things in an exceljs file change with the clock: the document dates (docProps/core.xml) and the
 * modification time of every zip entry (archiver stamps each entry with "now"; neither exceljs nor
 * archiver offers an option for a fixed default date, and exceljs appends two entries inside the
 * WorkbookWriter constructor, before any hook could be set). The document dates are set from the spec;
 * the zip entry times are normalised afterwards with JSZip: it reopens the archive, takes the fixed date
 * for every entry and writes it again reusing each entry's deflated data as it is (same compression
 * method: no recompression), so the pass costs a copy of the bytes, not a second deflate.
 */
import { Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import type { PageSetup, Style, WorksheetView } from 'exceljs';
import JSZip from 'jszip';
import { GrilleError } from '../../shared/errors';
import { cleanText, writeText } from './safe-cell';

/**
 * A live formula written by Grille's own code (never built from catalogue text), in Excel's English
 * syntax without the leading "=" (e.g. "C12-C7"), with its cached result: the value the file shows in
 * a reader that does not recalculate. A text result is written as a formula string (t="str").
 */
export interface FormulaValue {
  formula: string;
  result: number | string;
}

export type CellValue = string | number | null | FormulaValue;

/** A formula cell; `result` is what the formula gives on the written values. */
export function formula(text: string, result: number | string): FormulaValue {
  return { formula: text, result };
}

export interface SheetRow {
  values: readonly CellValue[];
  /** per-cell styles (same object for cells that look alike: exceljs caches style ids by object) */
  styles?: readonly (Partial<Style> | undefined)[] | undefined;
  /** style for cells without their own */
  style?: Partial<Style> | undefined;
  height?: number | undefined;
  /** column spans of this row to merge, 1-based and inclusive: [[1, 6]] merges A:F (a long note, wrapped) */
  merge?: readonly (readonly [number, number])[] | undefined;
}

export interface SheetSpec {
  name: string;
  /** column widths in characters, from column A */
  widths: readonly number[];
  /** rows and columns kept in view while scrolling */
  frozen?: { rows: number; columns: number } | undefined;
  pageSetup?: Partial<PageSetup> | undefined;
  /** built lazily when a generator is given: a large sheet is never held whole in memory */
  rows: Iterable<SheetRow>;
  /** how many rows a generator gives, when known beforehand (progress of a long export); an array says it itself */
  rowCount?: number | undefined;
}

export interface WorkbookProperties {
  title: string;
  subject?: string | undefined;
  description?: string | undefined;
  keywords?: string | undefined;
  category?: string | undefined;
  /** the document's date (created and modified): from the input, never "now" */
  date: Date;
}

export interface WorkbookSpec {
  properties: WorkbookProperties;
  sheets: readonly SheetSpec[];
}

export const CREATOR = 'Grille';

/** Footer of printed pages: sheet name on the left, "Page n / total" on the right. */
export const PAGE_FOOTER = '&L&A&RPage &P / &N';

/** A date as given by a caller: a Date, "AAAA-MM-JJ" (midnight UTC) or a full ISO timestamp. */
export function toDocumentDate(value: Date | string): Date {
  const d = value instanceof Date ? new Date(value.getTime()) : new Date(/^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T00:00:00Z` : value);
  if (Number.isNaN(d.getTime())) throw new GrilleError('INVALID_INPUT', `Export : date du document invalide : « ${String(value)} » (attendu AAAA-MM-JJ).`);
  // core.xml keeps whole seconds; the zip keeps 2-second steps from 1980 on
  d.setUTCMilliseconds(0);
  return d;
}

/** The print set-up every Grille sheet starts from: A4 landscape, one page wide, narrow margins. */
export function landscapeFitToWidth(extra: Partial<PageSetup> = {}): Partial<PageSetup> {
  return {
    paperSize: 9,
    orientation: 'landscape',
    fitToPage: true,
    fitToWidth: 1,
    fitToHeight: 0,
    margins: { left: 0.4, right: 0.4, top: 0.5, bottom: 0.5, header: 0.3, footer: 0.3 },
    ...extra,
  };
}

/** Sheet names: at most 31 characters, none of : \ / ? * [ ], not starting or ending with ', unique. */
export function sheetNamer(): (wanted: string) => string {
  const taken = new Set<string>();
  return (wanted: string) => {
    let base = wanted.replace(/[:\\/?*[\]]/g, '-').replace(/^'+|'+$/g, '').trim() || 'Feuille';
    base = base.slice(0, 31);
    let name = base;
    for (let n = 2; taken.has(name.toLowerCase()); n++) {
      const suffix = ` (${n})`;
      name = base.slice(0, 31 - suffix.length) + suffix;
    }
    taken.add(name.toLowerCase());
    return name;
  };
}

class BufferSink extends Writable {
  private readonly chunks: Buffer[] = [];
  override _write(chunk: Buffer, _enc: BufferEncoding, cb: (err?: Error | null) => void): void {
    this.chunks.push(chunk);
    cb();
  }
  get buffer(): Buffer {
    return Buffer.concat(this.chunks);
  }
}

/** exceljs's streaming writer with Grille's defaults (styles and shared strings on), writing to memory. */
export function openStreamingWorkbook(options: { useStyles: boolean }): { wb: ExcelJS.stream.xlsx.WorkbookWriter; sink: BufferSink } {
  const sink = new BufferSink();
  // Shared strings: every text becomes a t="s" cell, the canonical string type of every reader.
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: sink, useStyles: options.useStyles, useSharedStrings: true });
  return { wb, sink };
}

function applyProperties(wb: ExcelJS.Workbook, p: WorkbookProperties): void {
  wb.creator = CREATOR;
  wb.lastModifiedBy = CREATOR;
  wb.created = p.date;
  wb.modified = p.date;
  wb.title = cleanText(p.title);
  if (p.subject) wb.subject = cleanText(p.subject);
  if (p.description) wb.description = cleanText(p.description);
  if (p.keywords) wb.keywords = cleanText(p.keywords);
  if (p.category) wb.category = cleanText(p.category);
}

/**
 * What a long export reports while it writes (src/main/jobs). Either hook may throw (a cancelled job):
 * the write stops there and nothing is returned.
 */
export interface WriteHooks {
  /** rows written so far, and the rows of the whole workbook (null when a sheet does not say); every few thousand cells and after the last row */
  progress?: ((done: number, total: number | null) => void) | undefined;
  /** after the last row, before each step that finishes the file: the zip's compression, then its entry dates */
  finishing?: ((step: 'compress' | 'dates') => void) | undefined;
}

/** Cells written between two progress calls: often enough to stop within a few milliseconds, rarely enough to cost nothing. */
export const PROGRESS_EVERY_CELLS = 4096;

/** The rows of the whole workbook, when every sheet says how many it has. */
export function workbookRowCount(spec: WorkbookSpec): number | null {
  let total = 0;
  for (const sheet of spec.sheets) {
    const n = Array.isArray(sheet.rows) ? (sheet.rows as readonly SheetRow[]).length : sheet.rowCount;
    if (n === undefined) return null;
    total += n;
  }
  return total;
}

/** Writes the spec and returns the file's bytes (identical for identical specs). */
export async function writeWorkbook(spec: WorkbookSpec, hooks?: WriteHooks): Promise<Buffer> {
  const { wb, sink } = openStreamingWorkbook({ useStyles: true });
  applyProperties(wb, spec.properties);
  const report = hooks?.progress;
  const total = report ? workbookRowCount(spec) : null;
  let written = 0;
  let cellsSinceReport = 0;
  for (const sheet of spec.sheets) {
    const views: Partial<WorksheetView>[] = sheet.frozen
      ? [{ state: 'frozen', xSplit: sheet.frozen.columns, ySplit: sheet.frozen.rows, topLeftCell: topLeft(sheet.frozen), activeCell: 'A1' }]
      : [];
    // printed pages carry the sheet's name and their number (&A, &P, &N: Excel's header codes)
    const ws = wb.addWorksheet(sheet.name, { views, pageSetup: sheet.pageSetup ?? {}, headerFooter: { oddFooter: PAGE_FOOTER } });
    ws.columns = sheet.widths.map((width) => ({ width }));
    let r = 0;
    for (const spec of sheet.rows) {
      r++;
      const row = ws.getRow(r);
      const { values, styles } = spec;
      // wrapped texts: the row is made tall enough for them (no spreadsheet grows a row on opening)
      let lines = 1;
      for (let c = 0; c < values.length; c++) {
        const v = values[c];
        const style = styles?.[c] ?? spec.style;
        if (v === null || v === undefined) {
          if (style) row.getCell(c + 1).style = style;
          continue;
        }
        const cell = row.getCell(c + 1);
        if (typeof v === 'number') {
          if (!Number.isFinite(v)) throw new GrilleError('INTERNAL', `Classeur, feuille « ${sheet.name} », ligne ${r}, colonne ${c + 1} : nombre invalide (${v}) ; signalez-le.`);
          cell.value = v;
          if (style) cell.style = style;
        } else if (typeof v === 'object') {
          writeFormula(cell, v, style, () => `feuille « ${sheet.name} », ligne ${r}, colonne ${c + 1}`);
        } else {
          writeText(cell, v, style);
          if (style?.alignment?.wrapText) {
            const n = wrappedLineCount(v, mergedWidth(sheet.widths, spec.merge, c) * fontWidthFactor(style));
            if (n > lines) lines = n;
          }
        }
      }
      const fitted = lines > 1 ? lineHeight(lines, styles?.[0] ?? spec.style) : undefined;
      const height = spec.height === undefined ? fitted : fitted === undefined ? spec.height : Math.max(spec.height, fitted);
      if (height !== undefined) row.height = height;
      // merged before the row is committed: the streaming writer cannot reach a committed row
      if (spec.merge) for (const [from, to] of spec.merge) ws.mergeCells(r, from, r, to);
      row.commit();
      if (report) {
        written++;
        cellsSinceReport += values.length + 1;
        if (cellsSinceReport >= PROGRESS_EVERY_CELLS) {
          cellsSinceReport = 0;
          report(written, total);
        }
      }
    }
    ws.commit();
  }
  report?.(written, total === null ? null : Math.max(total, written));
  hooks?.finishing?.('compress');
  await wb.commit();
  hooks?.finishing?.('dates');
  return normaliseZipDates(sink.buffer, spec.properties.date);
}

/** Characters of ordinary text that fit on one line of a column `width` units wide (a unit is one "0"). */
const CHARS_PER_WIDTH_UNIT = 1.2;
/** Points per line of text at the default size (11 pt), and the most a row may be (Excel's limit). */
const POINTS_PER_LINE = 15;
const MAX_ROW_HEIGHT = 409;

/** The width a cell's text has: its column, or the columns it is merged over. */
function mergedWidth(widths: readonly number[], merge: SheetRow['merge'], c: number): number {
  if (merge) {
    for (const [from, to] of merge) {
      if (from === c + 1) {
        let w = 0;
        for (let i = from - 1; i < to; i++) w += widths[i] ?? DEFAULT_WIDTH;
        return w;
      }
    }
  }
  return widths[c] ?? DEFAULT_WIDTH;
}

const DEFAULT_WIDTH = 9;

/** Lines a text takes once wrapped at word boundaries in a column `width` units wide (an estimate). */
export function wrappedLineCount(text: string, width: number): number {
  const capacity = Math.max(4, Math.floor(width * CHARS_PER_WIDTH_UNIT) - 1);
  const n = text.length;
  if (n <= capacity && text.indexOf('\n') < 0) return 1;
  // one pass, no allocation: words are placed greedily, a word longer than a line breaks over several
  let lines = 1;
  let used = 0;
  let word = 0;
  for (let i = 0; i <= n; i++) {
    const ch = i < n ? text.charCodeAt(i) : 10;
    if (ch !== 32 && ch !== 10) {
      word++;
      continue;
    }
    if (word > 0) {
      if (used === 0) used = word;
      else if (used + 1 + word <= capacity) used += 1 + word;
      else {
        lines++;
        used = word;
      }
      while (used > capacity) {
        lines++;
        used -= capacity;
      }
      word = 0;
    }
    if (ch === 10 && i < n) {
      lines++;
      used = 0;
    }
  }
  return lines;
}

/** Larger or bold type holds fewer characters per line than the 11 pt the widths are counted in. */
function fontWidthFactor(style: Partial<Style>): number {
  const f = style.font;
  if (!f) return 1;
  return (11 / (f.size ?? 11)) * (f.bold ? 0.9 : 1);
}

function lineHeight(lines: number, style: Partial<Style> | undefined): number {
  const size = style?.font?.size ?? 11;
  return Math.min(MAX_ROW_HEIGHT, Math.ceil((lines * POINTS_PER_LINE * size) / 11));
}

function writeFormula(cell: ExcelJS.Cell, v: FormulaValue, style: Partial<Style> | undefined, where: () => string): void {
  // the builders write the formulas: a malformed one is a defect of Grille, not of the user's data
  if (!v.formula || v.formula.startsWith('=')) throw new GrilleError('INTERNAL', `Classeur, ${where()} : formule invalide « ${v.formula} » (attendue sans « = » initial) ; signalez-le.`);
  if (typeof v.result === 'number' && !Number.isFinite(v.result)) throw new GrilleError('INTERNAL', `Classeur, ${where()} : résultat invalide (${v.result}) pour ${v.formula} ; signalez-le.`);
  cell.value = { formula: v.formula, result: typeof v.result === 'string' ? cleanText(v.result) : v.result };
  if (style) cell.style = style;
}

/** Column letters of a 1-based column number: 1 → A, 27 → AA. */
export function columnLetter(n: number): string {
  let s = '';
  for (let x = n; x > 0; x = Math.floor((x - 1) / 26)) s = String.fromCharCode(65 + ((x - 1) % 26)) + s;
  return s;
}

function topLeft(frozen: { rows: number; columns: number }): string {
  return `${columnLetter(frozen.columns + 1)}${frozen.rows + 1}`;
}

const ZIP_EPOCH = Date.UTC(1980, 0, 1);

/**
 * Every zip entry gets the same modification time (the document's date; the zip format cannot go
 * before 1980). The deflated data are reused as they are.
 */
export async function normaliseZipDates(zipBytes: Buffer, date: Date): Promise<Buffer> {
  const stamp = new Date(Math.max(date.getTime(), ZIP_EPOCH));
  const zip = await JSZip.loadAsync(zipBytes);
  zip.forEach((_path, entry) => {
    entry.date = stamp;
  });
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', platform: 'DOS' });
}
