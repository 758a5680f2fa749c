/**
 * The guarantees of a product opened from the catalogue: a grid in the document's order, the source of
 * the guarantee focused or clicked in the panel under it, and its editing dialog (a button on each row,
 * Entrée on a row, or the panel's button).
 */
import type { ColDef, ICellRendererParams } from 'ag-grid-community';
import type { GuaranteeEntry, ProductFile } from '../../shared/core/catalogue-schema';
import type { AppContext } from '../ui/context';
import { button, h } from '../ui/dom';
import { makeGrid } from '../ui/grid';
import { conditionsLine, sourceWhere } from '../ui/guarantee-lines';
import { sourcePanel } from '../ui/source-panel';
import { isUnsourced, UNSOURCED_TIP, unsourcedMark } from '../ui/unsourced';
import { editGuarantee } from './edit-product';

const statusText: Record<GuaranteeEntry['status'], string> = { covered: 'couvert', not_covered: 'non couvert', unspecified: 'non précisé' };

type Edit = (g: GuaranteeEntry | undefined) => void;

function sourceColumn(): ColDef<GuaranteeEntry> {
  return {
    headerName: 'Source',
    colId: 'source',
    valueGetter: (x) => (x.data ? (isUnsourced(x.data.source) ? 'sans source' : sourceWhere(x.data.source)) : ''),
    cellRenderer: (x: ICellRendererParams<GuaranteeEntry>): HTMLElement | string => {
      const s = x.data?.source;
      if (!s) return '';
      return isUnsourced(s) ? unsourcedMark() : sourceWhere(s);
    },
    width: 220,
    tooltip: (x) => (x.data ? (isUnsourced(x.data.source) ? UNSOURCED_TIP : `« ${x.data.source.quote} »`) : ''),
  };
}

function editColumn(edit: Edit): ColDef<GuaranteeEntry> {
  return {
    headerName: '',
    colId: 'edit',
    width: 110,
    pinned: 'right',
    sortable: false,
    filter: false,
    resizable: false,
    cellRenderer: (x: ICellRendererParams<GuaranteeEntry>) =>
      x.data ? button('Modifier', () => edit(x.data), { class: 'link cell-action', tabIndex: -1, attrs: { 'aria-label': `Modifier la garantie ${x.data.label}` } }) : '',
  };
}

function guaranteeColumns(labels: ReadonlyMap<string, string>, edit: Edit): ColDef<GuaranteeEntry>[] {
  return [
    { headerName: 'Catégorie', colId: 'category', valueGetter: (x) => (x.data ? (labels.get(x.data.category) ?? x.data.category) : ''), width: 220, pinned: 'left' },
    { headerName: 'Garantie', field: 'label', width: 240 },
    { headerName: 'Statut', colId: 'status', valueGetter: (x) => (x.data ? statusText[x.data.status] : ''), width: 110 },
    { headerName: 'Ce que dit le document', field: 'text', flex: 1, minWidth: 320, tooltip: (x) => x.value },
    { headerName: 'Formules', colId: 'formulas', valueGetter: (x) => (x.data?.formulas.includes('*') ? 'toutes' : (x.data?.formulas.join(', ') ?? '')), width: 120 },
    { headerName: 'Conditions', field: 'conditions', width: 220, tooltip: (x) => x.value },
    sourceColumn(),
    editColumn(edit),
  ];
}

/** The grid and the source panel of the guarantees; `labels` names the categories (taxonomy and product's own). */
export function productGuarantees(ctx: AppContext, p: ProductFile, labels: ReadonlyMap<string, string>, docTitle: (file: string) => string | null): { grid: HTMLElement; panel: HTMLElement } {
  // a few guarantees (a product keyed in from the desktop) take their own height, not a tall empty grid
  const few = p.guarantees.length <= 8;
  const gridEl = h('div', { class: `grid grid-guarantees${few ? ' grid-guarantees-few' : ''}` });
  const panel = sourcePanel();
  // in the document's order: the articles follow one another as the person reads them
  const guarantees = p.guarantees;
  const edit: Edit = (g) => {
    const index = g ? guarantees.indexOf(g) : -1;
    if (index >= 0) void editGuarantee(ctx, p, index);
  };
  const showSource = (g: GuaranteeEntry | undefined) => {
    if (!g) return;
    panel.show(g.label, [h('p', { text: g.text }), conditionsLine(g.conditions), button('Modifier cette garantie', () => edit(g), { class: 'panel-edit' })], [{ source: g.source, documentTitle: docTitle(g.source.file) }]);
  };
  makeGrid<GuaranteeEntry>(gridEl, {
    rowData: guarantees,
    // (the default theme keeps room for « Aucune ligne » when a filter leaves none)
    domLayout: few ? 'autoHeight' : 'normal',
    columnDefs: guaranteeColumns(labels, edit),
    defaultColDef: { sortable: true, resizable: true, filter: true },
    tooltipShowDelay: 400,
    onCellFocused: (e) => {
      if (e.rowIndex !== null && e.rowIndex !== undefined) showSource(e.api.getDisplayedRowAtIndex(e.rowIndex)?.data);
    },
    onRowClicked: (e) => showSource(e.data),
    onCellKeyDown: (e) => {
      // Entrée on a guarantee opens its editing dialog
      if ((e.event as KeyboardEvent | null)?.key === 'Enter' && e.data) {
        (e.event as KeyboardEvent).preventDefault();
        edit(e.data);
      }
    },
  });
  return { grid: gridEl, panel: panel.element };
}
