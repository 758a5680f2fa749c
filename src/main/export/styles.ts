/**
 * The cell styles of Grille's workbooks. Each is one shared object: exceljs gives a style id per
 * object, so reusing the objects keeps styles.xml small and the writer fast.
 */
import type { Style } from 'exceljs';
import type { QuantityKind } from '../../shared/core/format';

/** Number formats; Excel shows them with the reader's separators ("3 100,00 €" in French). */
export const NUMFMT_EURO = '#,##0.00 "€"';
export const NUMFMT_EURO_WHOLE = '#,##0 "€"';

/**
 * The format of a comparable figure in a sheet (amounts are written in euros, not cents). `integral`:
 * every value of the row is a whole number (a "0.##" format would show "15," in Excel).
 */
export function numFmtOf(kind: QuantityKind, integral = true): string {
  const n = integral ? '#,##0' : '#,##0.0#';
  switch (kind) {
    case 'amountCents':
    case 'perNightCents':
    case 'perDayCents':
      return NUMFMT_EURO;
    case 'hours':
    case 'minHoursPerVisit':
      return `${n} "h"`;
    case 'percentBR':
      return `${n} "% BR"`;
    case 'percentDiscount':
      return `${n} "% de remise"`;
    case 'days':
    case 'periodDays':
      return `${n} "j"`;
    case 'periodMonths':
      return `${n} "mois"`;
    case 'km':
      return `${n} "km"`;
    case 'ageMax':
      return `${n} "ans"`;
    default:
      return n;
  }
}

const thin = { style: 'thin' as const, color: { argb: 'FFBFBFBF' } };
const border: Partial<Style['border']> = { top: thin, left: thin, bottom: thin, right: thin };
const top = { vertical: 'top' as const, wrapText: true };

function fill(argb: string): Style['fill'] {
  return { type: 'pattern', pattern: 'solid', fgColor: { argb } };
}

const GREEN = 'FFC6EFCE';
const GREEN_TEXT = 'FF006100';
const RED = 'FFFFC7CE';
const RED_TEXT = 'FF9C0006';
const GROUP = 'FFDDEBF7';
const HEADER = 'FF1F4E78';

export const titleStyle: Partial<Style> = { font: { bold: true, size: 14 } };
export const noteStyle: Partial<Style> = { font: { italic: true, color: { argb: 'FF595959' } }, alignment: { vertical: 'top', wrapText: false } };
export const headerStyle: Partial<Style> = {
  font: { bold: true, color: { argb: 'FFFFFFFF' } },
  fill: fill(HEADER),
  alignment: { vertical: 'middle', horizontal: 'center', wrapText: true },
  border,
};
export const headerLeftStyle: Partial<Style> = { ...headerStyle, alignment: { vertical: 'middle', horizontal: 'left', wrapText: true } };
export const textStyle: Partial<Style> = { alignment: top, border };
export const missingStyle: Partial<Style> = { font: { italic: true, color: { argb: 'FF808080' } }, alignment: top, border };
export const notCoveredStyle: Partial<Style> = { font: { color: { argb: 'FF7F7F7F' } }, alignment: top, border };
export const bestStyle: Partial<Style> = { font: { color: { argb: GREEN_TEXT } }, fill: fill(GREEN), alignment: top, border };
export const worstStyle: Partial<Style> = { font: { color: { argb: RED_TEXT } }, fill: fill(RED), alignment: top, border };
export const groupStyle: Partial<Style> = { font: { bold: true }, fill: fill(GROUP), alignment: { vertical: 'top' }, border };
export const centerStyle: Partial<Style> = { alignment: { vertical: 'top', horizontal: 'center' }, border };

const labelByDepth = new Map<number, Partial<Style>>();
const groupLabelByDepth = new Map<number, Partial<Style>>();

/** A row label indented by its depth in the taxonomy. */
export function labelStyle(depth: number, group: boolean): Partial<Style> {
  const cache = group ? groupLabelByDepth : labelByDepth;
  let s = cache.get(depth);
  if (!s) {
    s = group
      ? { ...groupStyle, alignment: { vertical: 'top', wrapText: true, indent: depth } }
      : { alignment: { vertical: 'top', wrapText: true, indent: depth }, border };
    cache.set(depth, s);
  }
  return s;
}

const numberStyles = new Map<string, Partial<Style>>();

/** A number cell with a format, optionally highlighted best or worst. */
export function numberStyle(numFmt: string, mark: 'best' | 'worst' | null = null): Partial<Style> {
  const key = `${mark ?? ''}|${numFmt}`;
  let s = numberStyles.get(key);
  if (!s) {
    const base = mark === 'best' ? bestStyle : mark === 'worst' ? worstStyle : { border };
    s = { ...base, numFmt, alignment: { vertical: 'top', horizontal: 'right' } };
    numberStyles.set(key, s);
  }
  return s;
}

/** A signed amount: "+1,40 €", "-0,50 €", "0,00 €" (changes between two tables). */
export const NUMFMT_EURO_SIGNED = '+#,##0.00 "€";-#,##0.00 "€";0.00 "€"';
/** A signed change in percent, two decimals: "+5,90 %". */
export const NUMFMT_PERCENT_SIGNED = '+0.00 %;-0.00 %;0.00 %';
/** A head count. */
export const NUMFMT_COUNT = '#,##0';

/** A rate shown with as many decimals as it has (1,9 % ; 4 % ; 5,9 %), never fewer. */
export function numFmtPercent(decimals: number): string {
  return decimals <= 0 ? '0 %' : `0.${'0'.repeat(decimals)} %`;
}

/** A coefficient such as 1,059. */
export function numFmtDecimal(decimals: number): string {
  return decimals <= 0 ? '0' : `0.${'0'.repeat(decimals)}`;
}

const totalNumberStyles = new Map<string, Partial<Style>>();

/** A total: bold, a top rule, the group fill. */
export function totalNumberStyle(numFmt: string): Partial<Style> {
  let s = totalNumberStyles.get(numFmt);
  if (!s) {
    s = { font: { bold: true }, fill: fill(GROUP), border, numFmt, alignment: { vertical: 'top', horizontal: 'right' } };
    totalNumberStyles.set(numFmt, s);
  }
  return s;
}

/** The label of a total row. */
export const totalLabelStyle: Partial<Style> = { font: { bold: true }, fill: fill(GROUP), border, alignment: { vertical: 'top', wrapText: true } };
/** "non précisé" in a total row. */
export const totalMissingStyle: Partial<Style> = { font: { bold: true, italic: true, color: { argb: 'FF808080' } }, fill: fill(GROUP), border, alignment: { vertical: 'top', horizontal: 'right' } };
/** "non précisé" in a row of amounts: right-aligned like the numbers around it. */
export const missingAmountStyle: Partial<Style> = { font: { italic: true, color: { argb: 'FF808080' } }, alignment: { vertical: 'top', horizontal: 'right' }, border };
/** A text wrapped over several lines (notes under a table, hypotheses). */
export const wrapNoteStyle: Partial<Style> = { font: { italic: true, color: { argb: 'FF595959' } }, alignment: { vertical: 'top', wrapText: true } };
/** A title that may run over several lines (merged over its table's width). */
export const titleWrapStyle: Partial<Style> = { font: { bold: true, size: 14 }, alignment: { vertical: 'top', wrapText: true } };
