/**
 * The comparison grid: taxonomy rows (headings and categories, indented, foldable) against one column
 * per product × formula, grouped by product; best and worst cells of a row marked (colour and sign);
 * a tooltip with the source and conditions; the visible grid as a table for the clipboard.
 */
import type { ColDef, ColGroupDef, GridApi, ICellRendererParams, ITooltipComp, ITooltipParams } from 'ag-grid-community';
import type { Comparison, ComparisonCell, ComparisonColumn, ComparisonRow } from '../../shared/core/compare';
import { foldText } from '../../shared/core/compare';
import { formatDateFr } from '../../shared/core/format';
import { h } from '../ui/dom';
import { makeGrid } from '../ui/grid';
import { isUnsourced, unsourcedBlock, unsourcedMark } from '../ui/unsourced';

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
      cell.conditions ? h('p', { class: 'conditions', text: `Conditions : ${cell.conditions}` }) : null,
      cell.trigger ? h('p', { text: `Fait générateur : ${cell.trigger}` }) : null,
      cell.beneficiary ? h('p', { text: `Bénéficiaire : ${cell.beneficiary}` }) : null,
      isUnsourced(source)
        ? unsourcedBlock()
        : source
        ? h('div', { class: 'source' }, h('div', { class: 'source-where', text: [source.documentTitle ?? source.file, source.section, `l. ${source.lines[0]}–${source.lines[1]}`].join(' · ') }), h('blockquote', { class: 'source-quote', text: `« ${source.quote} »` }))
        : h('p', { class: 'muted', text: 'Aucune source : le document ne donne pas cette garantie.' }),
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

export interface ComparisonGrid {
  api: GridApi<ComparisonRow>;
  set(comparison: Comparison): void;
  /** the rows and columns on screen (filters and folded groups applied), header first */
  visibleTable(): string[][];
}

export function comparisonGrid(element: HTMLElement, onFocusCell: (row: ComparisonRow, column: ComparisonColumn | null, cell: ComparisonCell | null) => void): ComparisonGrid {
  const collapsed = new Set<string>();
  let comparison: Comparison | null = null;
  const parents = new Map<string, string[]>();

  const toggle = (key: string) => {
    if (collapsed.has(key)) collapsed.delete(key);
    else collapsed.add(key);
    api.onFilterChanged();
    api.refreshCells({ columns: ['label'], force: true });
  };

  const api = makeGrid<ComparisonRow>(element, {
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
    isExternalFilterPresent: () => collapsed.size > 0,
    doesExternalFilterPass: (node) => !(parents.get(node.data?.key ?? '') ?? []).some((k) => collapsed.has(k)),
    localeText: { noRowsToShow: 'Aucune ligne : effacez la recherche ou décochez « Écarts seulement ».' },
    onCellFocused: (e) => {
      if (e.rowIndex === null || e.rowIndex === undefined || !comparison) return;
      const row = api.getDisplayedRowAtIndex(e.rowIndex)?.data;
      if (!row) return;
      const colId = typeof e.column === 'string' ? e.column : (e.column?.getColId() ?? '');
      const index = /^c(\d+)$/.exec(colId);
      const column = index ? (comparison.columns[Number(index[1])] ?? null) : null;
      onFocusCell(row, column, column ? (row.cells[column.index] ?? null) : null);
    },
    onCellKeyDown: (e) => {
      const key = (e.event as KeyboardEvent | null)?.key;
      if ((key === 'Enter' || key === ' ') && 'column' in e && e.column.getColId() === 'label' && e.data?.hasChildren) {
        (e.event as KeyboardEvent).preventDefault();
        toggle(e.data.key);
      }
    },
  });

  function columnDef(c: ComparisonColumn): ColDef<ComparisonRow> {
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
      cellRenderer: (p: ICellRendererParams<ComparisonRow>) => {
        const row = p.data;
        const cell = row?.cells[i];
        if (!row || !cell) return '';
        const mark = row.best.includes(i) ? h('span', { class: 'mark mark-best', text: '▲', title: 'Meilleure colonne de la ligne', attrs: { 'aria-label': 'meilleur' } }) : row.worst.includes(i) ? h('span', { class: 'mark mark-worst', text: '▼', title: 'Moins bonne colonne de la ligne', attrs: { 'aria-label': 'moins bon' } }) : null;
        const flag = isUnsourced(cell.sources[0]) ? unsourcedMark() : null;
        // the flag before the text: a long text is cut after three lines, the flag never is
        return h('span', { class: 'cell-text' }, mark, flag, flag ? ' ' : null, h('span', { text: cell.text }));
      },
      cellClassRules: {
        'cell-best': (p) => !!p.data?.best.includes(i),
        'cell-worst': (p) => !!p.data?.worst.includes(i),
        'cell-unspecified': (p) => p.data?.cells[i]?.status === 'unspecified',
        'cell-not-covered': (p) => p.data?.cells[i]?.status === 'not_covered',
      },
    };
  }

  function columnDefs(c: Comparison): (ColDef<ComparisonRow> | ColGroupDef<ComparisonRow>)[] {
    const defs: (ColDef<ComparisonRow> | ColGroupDef<ComparisonRow>)[] = [
      {
        colId: 'label',
        headerName: 'Garantie',
        pinned: 'left',
        lockPinned: true,
        width: 300,
        valueGetter: (p) => p.data?.label ?? '',
        getQuickFilterText: (p) => foldText(String(p.value ?? '')),
        cellRenderer: labelRenderer(collapsed, toggle),
        tooltip: (p) => p.data?.figure ? `Comparée sur : ${p.data.figure.label}` : undefined,
      },
    ];
    // adjacent columns of one product share a header
    let group: ColGroupDef<ComparisonRow> | null = null;
    let groupProduct = '';
    for (const col of c.columns) {
      if (!group || groupProduct !== col.productId) {
        group = { headerName: col.productName, headerTooltip: `${col.productName} — ${col.insurer}`, wrapHeaderText: true, autoHeaderHeight: true, marryChildren: true, children: [] };
        groupProduct = col.productId;
        defs.push(group);
      }
      group.children.push(columnDef(col));
    }
    return defs;
  }

  return {
    api,
    set(c) {
      comparison = c;
      parents.clear();
      const keys = new Set(c.rows.map((r) => r.key));
      for (const r of c.rows) {
        const list: string[] = [];
        for (let k = r.key.lastIndexOf('.'), key = r.key; k > 0; key = key.slice(0, k), k = key.lastIndexOf('.')) {
          const parent = key.slice(0, k);
          if (keys.has(parent)) list.push(parent);
        }
        parents.set(r.key, list);
      }
      for (const k of [...collapsed]) if (!keys.has(k)) collapsed.delete(k);
      api.setGridOption('columnDefs', columnDefs(c));
      api.setGridOption('rowData', c.rows);
    },
    visibleTable() {
      if (!comparison) return [];
      const cols = api.getAllDisplayedColumns();
      const header = cols.map((col) => {
        const m = /^c(\d+)$/.exec(col.getColId());
        return m ? (comparison!.columns[Number(m[1])]?.label ?? '') : 'Garantie';
      });
      const rows: string[][] = [header];
      api.forEachNodeAfterFilterAndSort((node) => {
        const row = node.data;
        if (!row) return;
        rows.push(cols.map((col) => (col.getColId() === 'label' ? `${'  '.repeat(row.depth)}${row.label}` : String(api.getCellValue({ rowNode: node, colKey: col }) ?? ''))));
      });
      return rows;
    },
  };
}
