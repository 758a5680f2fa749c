/**
 * The grid model of the sheets whose formulas point at other cells (the quote and the deliberation):
 * rows are placed in order and each block of rows returns where it stands (its heading, first and last
 * rows), so a formula names the cells of a block by the block's anchors, never by a row number worked
 * out beforehand. A value may also be lazy (a function): it is read when the sheet's rows are taken,
 * so a formula can point at a cell placed further down (the deliberation's check reads the coefficient
 * written under it).
 */
import type { Style } from 'exceljs';
import type { Source } from '../../shared/core/catalogue-schema';
import { NOT_SPECIFIED } from '../../shared/core/compare';
import { cellAddress, euros } from './sheet-rows';
import { groupStyle, missingAmountStyle, wrapNoteStyle } from './styles';
import { formula, type CellValue, type SheetRow } from './workbook-writer';

export type LazyValue = CellValue | (() => CellValue);

/** One cell as the sheet shows it: its value and its style. */
export type Cell = readonly [LazyValue, Partial<Style> | undefined];

/** A row of the grid: a sheet row whose values may be lazy. */
export interface GridRow extends Omit<SheetRow, 'values'> {
  values: readonly LazyValue[];
}

/** Where a block stands: its heading row (null without one), its first and last rows (last < first when empty). */
export interface BlockRows {
  heading: number | null;
  firstRow: number;
  lastRow: number;
}

export class SheetGrid {
  private readonly placed: GridRow[] = [];

  /** Adds a row and returns its number (1-based). */
  add(row: GridRow): number {
    this.placed.push(row);
    return this.placed.length;
  }

  blank(): number {
    return this.add({ values: [] });
  }

  /** The number the next added row will have. */
  get next(): number {
    return this.placed.length + 1;
  }

  /**
   * A block: an optional heading row, then one row per item (`row` is told the number its row gets, for
   * the formulas that point at cells of their own row).
   */
  block<T>(heading: GridRow | null, items: readonly T[], row: (item: T, index: number, at: number) => GridRow): BlockRows {
    const headingRow = heading ? this.add(heading) : null;
    const firstRow = this.next;
    items.forEach((item, i) => this.add(row(item, i, this.next)));
    return { heading: headingRow, firstRow, lastRow: this.next - 1 };
  }

  /** The sheet's rows, lazy values read. */
  rows(): SheetRow[] {
    return this.placed.map((row) => (row.values.some((v) => typeof v === 'function') ? { ...row, values: row.values.map((v) => (typeof v === 'function' ? v() : v)) } : (row as SheetRow)));
  }
}

/** A row of cells, with the row's height and merges. */
export function cellsRow(cells: readonly Cell[], extra: Omit<GridRow, 'values' | 'styles' | 'style'> = {}): GridRow {
  return { values: cells.map((c) => c[0]), styles: cells.map((c) => c[1]), ...extra };
}

/** A heading row over a table `width` columns wide: the text in the first cell, the group fill across. */
export function groupRow(text: string, width: number): GridRow {
  const values: CellValue[] = new Array<CellValue>(width).fill(null);
  values[0] = text;
  return { values, style: groupStyle };
}

/** A row holding a long text over `span` columns, wrapped (the writer makes the row tall enough). */
export function noteRow(text: string, span: number, style: Partial<Style> = wrapNoteStyle): GridRow {
  return { values: [text], styles: [style], merge: span > 1 ? [[1, span]] : undefined };
}

/** What the source does not give (or a figure that cannot be computed): a text, never 0. */
export function missingCell(text = NOT_SPECIFIED): Cell {
  return [text, missingAmountStyle];
}

/** An amount in cents as euros, a live formula when one is given; "non précisé" when null. */
export function amountCell(cents: number | null, style: Partial<Style>, formulaText: string | null = null): Cell {
  if (cents === null) return missingCell();
  return [formulaText === null ? euros(cents) : formula(formulaText, euros(cents)), style];
}

/** The address of the cell of a block's `index`-th row in `column`. */
export function blockCell(block: BlockRows, index: number, column: number, absolute = false): string {
  return cellAddress(column, block.firstRow + index, absolute);
}

/** A column's range over a block's rows ("C7:C9"). */
export function blockRange(block: BlockRows, column: number): string {
  return `${cellAddress(column, block.firstRow)}:${cellAddress(column, block.lastRow)}`;
}

/** A source's lines as printed: "89" or "89–91". */
export function lineRange(s: Source): string {
  return s.lines[0] === s.lines[1] ? `${s.lines[0]}` : `${s.lines[0]}–${s.lines[1]}`;
}
