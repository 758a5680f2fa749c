/** Grids that a view fills again with each answer: built on the first one, their columns and rows replaced after. */
import type { ColDef, ColGroupDef, GridApi, GridOptions } from 'ag-grid-community';
import { makeGrid } from './grid';

export type ColumnDefs<T> = (ColDef<T> | ColGroupDef<T>)[];

export function refillableGrid<T>(element: HTMLElement, options: GridOptions<T>): { api(): GridApi<T> | null; fill(columnDefs: ColumnDefs<T>, rowData: T[]): GridApi<T> } {
  let grid: GridApi<T> | null = null;
  return {
    api: () => grid,
    fill(columnDefs, rowData) {
      if (!grid) grid = makeGrid<T>(element, { ...options, rowData, columnDefs });
      else {
        grid.setGridOption('columnDefs', columnDefs);
        grid.setGridOption('rowData', rowData);
      }
      return grid;
    },
  };
}

/** A column of differences (Δ € or Δ %): right-aligned, with the delta colour. */
export function deltaColumn<T>(headerName: string, colId: string, width: number, text: (row: T | undefined) => string): ColDef<T> {
  return { headerName, colId, valueGetter: (p) => text(p.data), width, type: 'rightAligned', cellClass: 'delta' };
}
