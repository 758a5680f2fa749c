/**
 * The totals under a table of headcount lines, written the same way for every table of the "Impact
 * budgétaire" sheet: "Total" and, when a cotisation is not given, "Total partiel" (lines with a price
 * only). A partial row sums different lines on each side, so no change is computed between its sums.
 */
import type { ImpactResult, SideTotals } from '../../../shared/core/impact';
import { NOT_SPECIFIED } from '../../../shared/core/compare';
import { cellAddress, euros } from '../sheet-rows';
import { blockRange, cellsRow, type BlockRows, type Cell, type SheetGrid } from '../sheet-grid';
import { NUMFMT_COUNT, NUMFMT_EURO, NUMFMT_EURO_SIGNED, NUMFMT_PERCENT_SIGNED, totalLabelStyle, totalMissingStyle, totalNumberStyle } from '../styles';
import { formula } from '../workbook-writer';

export interface TotalsFigures {
  count: number;
  before: SideTotals;
  after: SideTotals;
}

/**
 * One cell of a totals row after the count: blank, the sum of a column over the table, or, between two
 * cells of the totals row itself, a change (`minus`: a − b) or a change over the amount before (`ratio`).
 */
export type TotalCell =
  | null
  | { sum: number; cents: number | null }
  | { minus: readonly [number, number]; before: number | null; after: number | null }
  | { ratio: readonly [number, number]; before: number | null; after: number | null };

/** Where the count stands (the lead columns before it hold the row's label, merged). */
export interface TotalsLayout {
  countColumn: number;
}

const NO_CHANGE: Cell = ['—', totalMissingStyle];
const MISSING: Cell = [NOT_SPECIFIED, totalMissingStyle];

function totalCell(cell: TotalCell, body: BlockRows, row: number, partial: boolean): Cell {
  if (cell === null) return [null, totalLabelStyle];
  if ('sum' in cell) return cell.cents === null ? MISSING : [formula(`SUM(${blockRange(body, cell.sum)})`, euros(cell.cents)), totalNumberStyle(NUMFMT_EURO)];
  if (partial) return NO_CHANGE;
  const { before, after } = cell;
  if ('minus' in cell) {
    if (before === null || after === null) return MISSING;
    return [formula(`${cellAddress(cell.minus[0], row)}-${cellAddress(cell.minus[1], row)}`, euros(after - before)), totalNumberStyle(NUMFMT_EURO_SIGNED)];
  }
  if (before === null || after === null || before === 0) return [before === 0 ? 'non calculable' : NOT_SPECIFIED, totalMissingStyle];
  return [formula(`${cellAddress(cell.ratio[0], row)}/${cellAddress(cell.ratio[1], row)}`, (after - before) / before), totalNumberStyle(NUMFMT_PERCENT_SIGNED)];
}

function totalsRow(g: SheetGrid, layout: TotalsLayout, body: BlockRows, label: string, t: TotalsFigures, partial: boolean, cells: readonly TotalCell[]): number {
  const L = layout.countColumn;
  const row = g.next;
  const lead: Cell[] = [[label, totalLabelStyle], ...new Array<Cell>(L - 2).fill([null, totalLabelStyle])];
  const count: Cell = [formula(`SUM(${blockRange(body, L)})`, t.count), totalNumberStyle(NUMFMT_COUNT)];
  return g.add(cellsRow([...lead, count, ...cells.map((c) => totalCell(c, body, row, partial))], { merge: L - 1 > 1 ? [[1, L - 1]] : undefined }));
}

/** "Total" under a table of lines (`body`), then "Total partiel" when the result is incomplete; nothing without lines. */
export function totalsRows(g: SheetGrid, layout: TotalsLayout, body: BlockRows, result: ImpactResult, cells: (t: TotalsFigures) => readonly TotalCell[]): void {
  if (result.lines.length === 0) return;
  totalsRow(g, layout, body, 'Total', result.totals, false, cells(result.totals));
  if (!result.complete) {
    const partial = { count: result.totals.count, ...result.partial };
    totalsRow(g, layout, body, 'Total partiel (lignes chiffrées seulement)', partial, true, cells(partial));
  }
}
