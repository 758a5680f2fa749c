/**
 * The comparison grid: taxonomy rows (headings and categories, indented, foldable) against one column
 * per product × formula, grouped by product; best and worst cells of a row marked (colour and sign);
 * a tooltip with the source and conditions; the visible grid as a table for the clipboard.
 */
import type { CellFocusedEvent, ColDef, ColGroupDef, GridApi, GridOptions, ICellRendererParams, ITooltipComp, ITooltipParams } from 'ag-grid-community';
import type { Comparison, ComparisonCell, ComparisonColumn, ComparisonRow } from '../../shared/core/compare';
import { foldText } from '../../shared/core/compare';
import { formatDateFr } from '../../shared/core/format';
import { h } from '../ui/dom';
import { sourceBlock } from '../ui/explain';
import { makeGrid } from '../ui/grid';
import { conditionsLine, triggerLine } from '../ui/guarantee-lines';
import { isUnsourced, unsourcedMark } from '../ui/unsourced';

interface TipValue {
  column: ComparisonColumn;
  row: ComparisonRow;
  cell: ComparisonCell;
}

/** What ag-grid shows when the pointer rests on a cell: the source and the conditions. */
class SourceTooltip implements ITooltipComp {
  private gui!: HTMLElement;

  init(params: ITooltipParams): void {
    const v = params.value as TipValue | string | undefined;
    if (!v || typeof v === 'string') {
      this.gui = h('div', { class: 'grid-tooltip', text: v ?? '' });
      return;
    }
    const { cell, column, row } = v;
    const source = cell.sources[0];
    this.gui = h(
      'div',
      { class: 'grid-tooltip' },
      h('strong', { text: `${row.label} — ${column.productName}` }),
      h('p', { text: cell.text }),
      conditionsLine(cell.conditions),
      triggerLine(cell.trigger),
      cell.beneficiary ? h('p', { text: `Bénéficiaire : ${cell.beneficiary}` }) : null,
      sourceBlock(source, source?.documentTitle) ?? h('p', { class: 'muted', text: 'Aucune source : le document ne donne pas cette garantie.' }),
    );
  }

  getGui(): HTMLElement {
    return this.gui;
  }
}

function labelRenderer(collapsed: Set<string>, toggle: (key: string) => void) {
  return (p: ICellRendererParams<ComparisonRow>): HTMLElement => {
    const row = p.data!;
    const wrap = h('span', { class: `row-label depth-${Math.min(row.depth, 4)}` });
    if (row.hasChildren) {
      const open = !collapsed.has(row.key);
      wrap.append(h('button', { type: 'button', class: 'fold', tabIndex: -1, text: open ? '▾' : '▸', attrs: { 'aria-label': open ? `Replier ${row.label}` : `Déplier ${row.label}`, 'aria-expanded': String(open) }, on: { click: (e: MouseEvent) => { e.stopPropagation(); toggle(row.key); } } }));
    } else wrap.append(h('span', { class: 'fold-space' }));
    wrap.append(h('span', { text: row.label }));
    return wrap;
  };
}

function versionText(c: ComparisonColumn): string {
  return c.effectiveFrom ? `${c.versionLabel} (dès le ${formatDateFr(c.effectiveFrom)})` : c.versionLabel;
}

/** The index of a product column from its id (`c<index>`); null for the label column. */
function columnIndex(colId: string): number | null {
  const m = /^c(\d+)$/.exec(colId);
  return m ? Number(m[1]) : null;
}

/** The best or worst mark of column i in a row (colour is not the only sign). */
function rankMark(row: ComparisonRow, i: number): HTMLElement | null {
  if (row.best.includes(i)) return h('span', { class: 'mark mark-best', text: '▲', title: 'Meilleure colonne de la ligne', attrs: { 'aria-label': 'meilleur' } });
  if (row.worst.includes(i)) return h('span', { class: 'mark mark-worst', text: '▼', title: 'Moins bonne colonne de la ligne', attrs: { 'aria-label': 'moins bon' } });
  return null;
}

function cellRenderer(i: number) {
  return (p: ICellRendererParams<ComparisonRow>): HTMLElement | string => {
    const row = p.data;
    const cell = row?.cells[i];
    if (!row || !cell) return '';
    const flag = isUnsourced(cell.sources[0]) ? unsourcedMark() : null;
    // the flag before the text: a long text is cut after three lines, the flag never is
    return h('span', { class: 'cell-text' }, rankMark(row, i), flag, flag ? ' ' : null, h('span', { text: cell.text }));
  };
}

/** One product × formula column. */
function productColumn(c: ComparisonColumn): ColDef<ComparisonRow> {
  const i = c.index;
  return {
    colId: `c${i}`,
    headerName: c.optionLabel ? `${c.formulaLabel} + ${c.optionLabel}` : c.formulaLabel,
    headerTooltip: `${c.label} — ${c.insurer} — ${versionText(c)}`,
    flex: 1,
    minWidth: 230,
    wrapHeaderText: true,
    autoHeaderHeight: true,
    valueGetter: (p) => p.data?.cells[i]?.text ?? '',
    getQuickFilterText: (p) => {
      const cell = p.data?.cells[i];
      return cell ? foldText([cell.text, cell.label ?? '', cell.conditions ?? ''].join(' ')) : '';
    },
    tooltip: (p) => {
      const row = p.data;
      const cell = row?.cells[i];
      return row && cell ? ({ column: c, row, cell } satisfies TipValue) : undefined;
    },
    tooltipComponent: SourceTooltip,
    cellRenderer: cellRenderer(i),
    cellClassRules: {
      'cell-best': (p) => !!p.data?.best.includes(i),
      'cell-worst': (p) => !!p.data?.worst.includes(i),
      'cell-unspecified': (p) => p.data?.cells[i]?.status === 'unspecified',
      'cell-not-covered': (p) => p.data?.cells[i]?.status === 'not_covered',
    },
  };
}

function labelColumn(collapsed: Set<string>, toggle: (key: string) => void): ColDef<ComparisonRow> {
  return {
    colId: 'label',
    headerName: 'Garantie',
    pinned: 'left',
    lockPinned: true,
    width: 300,
    valueGetter: (p) => p.data?.label ?? '',
    getQuickFilterText: (p) => foldText(String(p.value ?? '')),
    cellRenderer: labelRenderer(collapsed, toggle),
    tooltip: (p) => p.data?.figure ? `Comparée sur : ${p.data.figure.label}` : undefined,
  };
}

/** The label column, then the product columns, adjacent columns of one product under one header. */
function columnDefs(c: Comparison, label: ColDef<ComparisonRow>): (ColDef<ComparisonRow> | ColGroupDef<ComparisonRow>)[] {
  const defs: (ColDef<ComparisonRow> | ColGroupDef<ComparisonRow>)[] = [label];
  let group: ColGroupDef<ComparisonRow> | null = null;
  let groupProduct = '';
  for (const col of c.columns) {
    if (!group || groupProduct !== col.productId) {
      group = { headerName: col.productName, headerTooltip: `${col.productName} — ${col.insurer}`, wrapHeaderText: true, autoHeaderHeight: true, marryChildren: true, children: [] };
      groupProduct = col.productId;
      defs.push(group);
    }
    group.children.push(productColumn(col));
  }
  return defs;
}

/** Each row's ancestors among the rows (keys are dotted paths; a missing level is skipped): a folded one hides it. */
export function ancestorKeys(rows: readonly { key: string }[]): Map<string, string[]> {
  const keys = new Set(rows.map((r) => r.key));
  const parents = new Map<string, string[]>();
  for (const r of rows) {
    const list: string[] = [];
    for (let k = r.key.lastIndexOf('.'), key = r.key; k > 0; key = key.slice(0, k), k = key.lastIndexOf('.')) {
      const parent = key.slice(0, k);
      if (keys.has(parent)) list.push(parent);
    }
    parents.set(r.key, list);
  }
  return parents;
}

/** The rows and columns on screen (filters and folded groups applied), header first. */
function visibleRows(api: GridApi<ComparisonRow>, comparison: Comparison): string[][] {
  const cols = api.getAllDisplayedColumns();
  const header = cols.map((col) => {
    const index = columnIndex(col.getColId());
    return index !== null ? (comparison.columns[index]?.label ?? '') : 'Garantie';
  });
  const rows: string[][] = [header];
  api.forEachNodeAfterFilterAndSort((node) => {
    const row = node.data;
    if (!row) return;
    rows.push(cols.map((col) => (col.getColId() === 'label' ? `${'  '.repeat(row.depth)}${row.label}` : String(api.getCellValue({ rowNode: node, colKey: col }) ?? ''))));
  });
  return rows;
}

export interface ComparisonGrid {
  api: GridApi<ComparisonRow>;
  set(comparison: Comparison): void;
  /** the rows and columns on screen (filters and folded groups applied), header first */
  visibleTable(): string[][];
}

type FocusCell = (row: ComparisonRow, column: ComparisonColumn | null, cell: ComparisonCell | null) => void;

interface GridState {
  collapsed: Set<string>;
  parents: Map<string, string[]>;
  comparison: Comparison | null;
}

function focusCell(e: CellFocusedEvent<ComparisonRow>, comparison: Comparison | null, onFocusCell: FocusCell): void {
  if (e.rowIndex === null || e.rowIndex === undefined || !comparison) return;
  const row = e.api.getDisplayedRowAtIndex(e.rowIndex)?.data;
  if (!row) return;
  const index = columnIndex(typeof e.column === 'string' ? e.column : (e.column?.getColId() ?? ''));
  const column = index !== null ? (comparison.columns[index] ?? null) : null;
  onFocusCell(row, column, column ? (row.cells[column.index] ?? null) : null);
}

function gridOptions(state: GridState, toggle: (key: string) => void, onFocusCell: FocusCell): GridOptions<ComparisonRow> {
  return {
    rowData: [],
    columnDefs: [],
    getRowId: (p) => p.data.key,
    getRowHeight: (p) => (p.data?.type === 'group' ? 34 : 62),
    rowClassRules: { 'row-group': (p) => p.data?.type === 'group', 'row-differs': (p) => !!p.data?.differs },
    tooltipShowDelay: 300,
    tooltipInteraction: true,
    enableCellTextSelection: true,
    quickFilterParser: (text) => foldText(text).toUpperCase().split(' ').filter(Boolean),
    cacheQuickFilter: true,
    isExternalFilterPresent: () => state.collapsed.size > 0,
    doesExternalFilterPass: (node) => !(state.parents.get(node.data?.key ?? '') ?? []).some((k) => state.collapsed.has(k)),
    localeText: { noRowsToShow: 'Aucune ligne : effacez la recherche ou décochez « Écarts seulement ».' },
    onCellFocused: (e) => focusCell(e, state.comparison, onFocusCell),
    onCellKeyDown: (e) => {
      const key = (e.event as KeyboardEvent | null)?.key;
      if ((key === 'Enter' || key === ' ') && 'column' in e && e.column.getColId() === 'label' && e.data?.hasChildren) {
        (e.event as KeyboardEvent).preventDefault();
        toggle(e.data.key);
      }
    },
  };
}

export function comparisonGrid(element: HTMLElement, onFocusCell: FocusCell): ComparisonGrid {
  const state: GridState = { collapsed: new Set<string>(), parents: new Map<string, string[]>(), comparison: null };
  const { collapsed } = state;

  const toggle = (key: string) => {
    if (collapsed.has(key)) collapsed.delete(key);
    else collapsed.add(key);
    api.onFilterChanged();
    api.refreshCells({ columns: ['label'], force: true });
  };

  const api = makeGrid<ComparisonRow>(element, gridOptions(state, toggle, onFocusCell));

  return {
    api,
    set(c) {
      state.comparison = c;
      state.parents = ancestorKeys(c.rows);
      for (const k of [...collapsed]) if (!state.parents.has(k)) collapsed.delete(k);
      api.setGridOption('columnDefs', columnDefs(c, labelColumn(collapsed, toggle)));
      api.setGridOption('rowData', c.rows);
    },
    visibleTable() {
      return state.comparison ? visibleRows(api, state.comparison) : [];
    },
  };
}
