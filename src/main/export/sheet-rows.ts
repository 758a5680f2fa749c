/**
 * Small helpers for sheets whose formulas point at other cells: rows are collected in order so that
 * each row knows its number when it is added, and addresses are spelled as Excel spells them.
 */
import { columnLetter, type SheetRow } from './workbook-writer';

export class RowList {
  readonly rows: SheetRow[] = [];

  /** Adds a row and returns its number (1-based). */
  add(row: SheetRow): number {
    this.rows.push(row);
    return this.rows.length;
  }

  blank(): number {
    return this.add({ values: [] });
  }

  /** The number the next added row will have. */
  get next(): number {
    return this.rows.length + 1;
  }
}

/** "C7", or "$C$7" when `absolute`. */
export function cellAddress(column: number, row: number, absolute = false): string {
  return absolute ? `$${columnLetter(column)}$${row}` : `${columnLetter(column)}${row}`;
}

/** A reference to a cell of another sheet: 'Délibération'!C7 (the name quoted, quotes doubled). */
export function sheetCellAddress(sheet: string, column: number, row: number): string {
  return `'${sheet.replace(/'/g, "''")}'!${cellAddress(column, row)}`;
}

/** Amounts are kept in cents; a sheet shows euros (cents / 100 is the nearest double to the amount). */
export function euros(cents: number): number {
  return cents / 100;
}
