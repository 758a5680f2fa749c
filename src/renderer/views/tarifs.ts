/**
 * Tarifs: a product's tariff table by version (formula × segment), the before/after of two versions
 * with Δ € and Δ %, a bar chart of the cotisation by segment and formula, and the Excel export.
 */
import type { GridApi } from 'ag-grid-community';
import type { ProductFile } from '../../shared/core/catalogue-schema';
import { ask } from '../ui/api';
import { busy } from '../ui/busy';
import type { AppContext, View } from '../ui/context';
import { button, field, h, replace } from '../ui/dom';
import { compactTheme } from '../ui/grid';
import { refillableGrid } from '../ui/grid-rows';
import { errorText, say, sayExported } from '../ui/notice';
import { productListShow } from '../ui/product-list';
import { viewHead } from '../ui/view-head';
import { cellOfColumn, editTariffCell } from './edit-tariff';
import { declaredRevision } from './tarifs-revision';
import { fillVersions, showTariffChart, tableCaption, tablePeriod, tariffColumnDefs } from './tarifs-grid';
import { tariffRows, type TariffRow } from './tariff-table';

function tarifsControls() {
  return {
    productSel: h('select', { id: 'tarifs-produit' }),
    versionSel: h('select', { id: 'tarifs-version' }),
    compareSel: h('select', { id: 'tarifs-comparer' }),
    status: h('div', { class: 'slot' }),
    revisionNote: h('div', { class: 'slot revision-note', attrs: { 'aria-live': 'polite' } }),
    gridEl: h('div', { class: 'grid grid-tariffs', id: 'tarifs-grille' }),
    caption: h('p', { class: 'muted grid-caption' }),
    chart: h('figure', { class: 'chart' }),
  };
}

type Controls = ReturnType<typeof tarifsControls>;

function tarifsLayout(c: Controls, exportBtn: HTMLButtonElement, editBtn: HTMLButtonElement): HTMLElement {
  return h(
    'div',
    { class: 'tarifs' },
    viewHead('Tarifs', 'La grille de cotisations d’un produit par version, formule et segment, telle que la source l’imprime. Choisissez une seconde version pour voir l’écart.'),
    h('div', { class: 'form-row' }, field('Produit', c.productSel), field('Version', c.versionSel), field('Comparer avec', c.compareSel), exportBtn, editBtn),
    c.status,
    c.revisionNote,
    c.caption,
    c.gridEl,
    c.chart,
  );
}

/** Entrée on a cell opens its dialog, as a double click does. */
function tariffGrid(gridEl: HTMLElement, editAt: (row: TariffRow | undefined, colId: string) => void) {
  return refillableGrid<TariffRow>(gridEl, {
    theme: compactTheme,
    getRowId: (p) => p.data.segment,
    domLayout: 'autoHeight',
    defaultColDef: { resizable: true, sortable: false },
    tooltipShowDelay: 300,
    onCellDoubleClicked: (e) => editAt(e.data, e.column.getColId()),
    onCellKeyDown: (e) => {
      const ev = e.event as KeyboardEvent | null;
      if (ev?.key === 'Enter' && 'column' in e) {
        ev.preventDefault();
        editAt(e.data, e.column.getColId());
      }
    },
  });
}

/** The table of the versions chosen, or null (said in the slot, the grid and chart emptied) when it has no cells. */
function chosenTable(c: Controls, product: ProductFile) {
  const version = c.versionSel.value;
  const other = c.compareSel.value || null;
  const table = tariffRows(product, version, other);
  if (table.rows.length === 0) {
    say(c.status, 'empty', 'Cette version n’a pas de grille de cotisations dans la source.', 'Choisissez une autre version.');
    c.gridEl.hidden = true;
    c.caption.textContent = '';
    replace(c.chart);
    return null;
  }
  return { version, other, ...table };
}

/** The cell focused in the grid when it is an amount, or null (what to do said in the slot). */
function focusedRow(grid: GridApi<TariffRow> | null, status: HTMLElement): { row: TariffRow; colId: string } | null {
  const focused = grid?.getFocusedCell();
  const row = focused ? grid?.getDisplayedRowAtIndex(focused.rowIndex)?.data : undefined;
  if (!focused || !row || !cellOfColumn(row, focused.column.getColId())) {
    say(status, 'info', 'Sélectionnez d’abord une case de montant dans la grille (clic ou flèches), puis « Modifier la cellule ».', 'Double-clic ou Entrée sur une case l’ouvre aussi.');
    return null;
  }
  return { row, colId: focused.column.getColId() };
}

export function tarifsView(ctx: AppContext): View {
  const c = tarifsControls();
  const { productSel, versionSel, compareSel, status } = c;
  const exportBtn = button('Exporter en Excel', () => void exportXlsx(), { id: 'tarifs-exporter', dataset: { command: 'export' } });
  const editBtn = button('Modifier la cellule', () => editFocused(), { id: 'tarifs-modifier', title: 'Modifie la case sélectionnée (ou double-clic, ou Entrée sur une case)' });
  const grid = tariffGrid(c.gridEl, editAt);
  let product: ProductFile | null = null;

  function render(): void {
    const table = product && chosenTable(c, product);
    if (!product || !table) return;
    replace(status);
    c.gridEl.hidden = false;
    const period = tablePeriod(table.rows);
    c.caption.textContent = tableCaption(period);
    grid.fill(tariffColumnDefs(table.columns, table.version, table.other, period), table.rows);
    showTariffChart(c.chart, product, table, table.other ?? table.version, period);
    replace(c.revisionNote);
    if (table.other) void declaredRevision(ctx, product, table.version, table.other, table.rows).then((note) => note && replace(c.revisionNote, note));
  }

  /** The dialog of the cell behind a grid column (none for a segment or a Δ column). */
  function editAt(row: TariffRow | undefined, colId: string): void {
    const cell = cellOfColumn(row, colId);
    if (!product || !cell) {
      if (row && colId !== 'label') say(status, 'info', 'Cette colonne est calculée (Δ) : modifiez l’un des deux montants.');
      return;
    }
    void editTariffCell(ctx, product, cell);
  }

  function editFocused(): void {
    const focused = focusedRow(grid.api(), status);
    if (focused) editAt(focused.row, focused.colId);
  }

  async function openProduct(id: string): Promise<void> {
    const answer = await ctx.catalogue.product(id);
    if (!answer.ok) return say(status, 'error', errorText(answer.error), 'Choisissez un autre produit.');
    const keep = product?.product.id === id ? { version: versionSel.value, compare: compareSel.value } : null;
    product = answer.value;
    fillVersions(versionSel, compareSel, product, keep);
    render();
  }

  async function exportXlsx(): Promise<void> {
    if (!product) return;
    const id = product.product.id;
    const answer = await busy(exportBtn, 'Export…', () => ask(() => ctx.api().exportTariffs({ productIds: [id] })));
    sayExported(status, answer);
  }

  productSel.addEventListener('change', () => void openProduct(productSel.value));
  versionSel.addEventListener('change', render);
  compareSel.addEventListener('change', render);
  return { element: tarifsLayout(c, exportBtn, editBtn), show: tarifsShow(ctx, c, openProduct) };
}

/** The products with a tariff table; the one asked for, else the one on screen, else the first, opened. */
function tarifsShow(ctx: AppContext, c: Controls, openProduct: (id: string) => Promise<void>): View['show'] {
  const { productSel, status } = c;
  return productListShow(ctx, status, {
    fill: async (list, wanted) => {
      const products = list.filter((p) => p.tariffCellCount > 0);
      if (products.length === 0) {
        say(status, 'empty', 'Aucun produit du catalogue n’a de grille de cotisations.', 'Importez un catalogue qui en contient.');
        return;
      }
      const current = wanted ?? (productSel.value || products[0]!.id);
      replace(productSel, ...products.map((p) => h('option', { value: p.id, text: p.name })));
      productSel.value = products.some((p) => p.id === current) ? current : products[0]!.id;
      await openProduct(productSel.value);
    },
    select: (id) => {
      productSel.value = id;
      return openProduct(productSel.value);
    },
  });
}
