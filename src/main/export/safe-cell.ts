/**
 * Text that reaches a spreadsheet cell. Catalogue texts, quotes and imported names are data, never
 * formulas: a text beginning with = + - @ (or a tab / carriage return, which some spreadsheets skip
 * before reading a formula) is written as a string cell (a shared string, t="s", never an <f>
 * element) and gets the Text number format "@", so editing the cell in Excel or LibreOffice keeps it
 * text as well. The text itself is not altered (no visible apostrophe prefix): a guarantee that reads
 * "- 10 %" still reads "- 10 %".
 */
import type { Style } from 'exceljs';
import { GrilleError } from '../../shared/errors';

/** The Text number format: what a user gets with "Format > Texte"; edits stay text. */
export const TEXT_NUMFMT = '@';

/** Excel refuses longer cell texts (the file needs repair). */
export const MAX_CELL_TEXT = 32_767;

// = + - @ first, or after leading white space (some readers trim it), or a leading tab / line break.
const FORMULA_START = /^(?:[=+\-@\t\r\n]|\s+[=+\-@])/;
// Characters XML 1.0 cannot hold at all; left in, they corrupt the sheet XML.
// eslint-disable-next-line no-control-regex
const XML_INVALID = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

// eslint-disable-next-line no-control-regex
const NEEDS_CLEANING = /[\u0000-\u0008\u000b-\u001f\ud800-\udfff\ufffe\uffff]/;

/** True when a spreadsheet could read the text as a formula (or a DDE payload) if it were typed in. */
export function isFormulaLike(text: string): boolean {
  return FORMULA_START.test(text);
}

/** The text made storable: characters XML forbids removed, line breaks as LF, cut to Excel's length limit. */
export function cleanText(text: string): string {
  // the common case, checked once: nothing to remove or rewrite
  if (!NEEDS_CLEANING.test(text) && text.length <= MAX_CELL_TEXT) return text;
  // XML readers turn a bare CR into LF anyway: write the line break the file will give back
  let out = text.replace(XML_INVALID, '').replace(/\r\n?/g, '\n');
  if (out.length > MAX_CELL_TEXT) {
    out = out.slice(0, MAX_CELL_TEXT - 1);
    // do not cut a surrogate pair in two
    if (/[\ud800-\udbff]$/.test(out)) out = out.slice(0, -1);
    out += '…';
  }
  return out;
}

const guarded = new WeakMap<Partial<Style>, Partial<Style>>();
const guardedPlain: Partial<Style> = { numFmt: TEXT_NUMFMT };

/**
 * The style a formula-like text is written with: the cell's own style with the Text format. Cached
 * per style object, because exceljs reuses a style id only for the very same object.
 */
export function textGuardStyle(style: Partial<Style> | undefined): Partial<Style> {
  if (!style) return guardedPlain;
  let s = guarded.get(style);
  if (!s) {
    s = { ...style, numFmt: TEXT_NUMFMT };
    guarded.set(style, s);
  }
  return s;
}

/** The minimal part of an exceljs cell this module writes to (a Cell of a Workbook or of a stream writer). */
export interface WritableCell {
  value: unknown;
  style: Partial<Style>;
  /** where the cell is, for an error's message (an exceljs Cell has both) */
  address?: string;
  worksheet?: { name: string };
}

/** Writes a text as a string cell, whatever it starts with. */
export function writeText(cell: WritableCell, text: string, style?: Partial<Style>): void {
  const clean = cleanText(text);
  // A plain string is always a string cell in exceljs; only objects ({ formula }) make formulas.
  cell.value = clean;
  if (isFormulaLike(clean)) cell.style = textGuardStyle(style);
  else if (style) cell.style = style;
}

/** Writes a finite number; anything else is a defect of the workbook's builder, reported with the value and the cell. */
export function writeNumber(cell: WritableCell, value: number, style?: Partial<Style>): void {
  if (!Number.isFinite(value)) {
    const where = [cell.worksheet ? `feuille « ${cell.worksheet.name} »` : null, cell.address ? `cellule ${cell.address}` : 'une cellule'].filter(Boolean).join(', ');
    throw new GrilleError('INTERNAL', `Classeur, ${where} : nombre invalide (${value}) ; signalez-le.`);
  }
  cell.value = value;
  if (style) cell.style = style;
}
