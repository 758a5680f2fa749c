/** Catalogue: the products by kind with insurer, formulas and versions; search; open a product. */
import type { ProductSummaryDto } from '../../shared/api';
import type { GridApi } from 'ag-grid-community';
import type { AppContext, View } from '../ui/context';
import { button, h, replace } from '../ui/dom';
import { makeGrid } from '../ui/grid';
import { kindLabels, kindOrder } from '../ui/labels';
import { errorText, say } from '../ui/notice';
import { newProduct } from './edit-new-product';
import { exportFlow, importFlow } from './import';
import { productDetail } from './product-detail';

export function catalogueView(ctx: AppContext): View {
  const search = h('input', { type: 'search', id: 'catalogue-recherche', placeholder: 'Nom, assureur, formule…', dataset: { command: 'find' }, attrs: { 'aria-controls': 'catalogue-grille' } });
  const status = h('div', { class: 'slot' });
  const gridEl = h('div', { class: 'grid grid-catalogue', id: 'catalogue-grille' });
  const detail = h('div', { class: 'product-detail' });
  const editStatus = h('div', { class: 'slot', attrs: { 'aria-live': 'polite' } });
  const newBtn = button('Nouveau produit', () => void createProduct(), { id: 'catalogue-nouveau' });
  const importBtn = button('Importer…', () => void importFlow(ctx, editStatus, importBtn), { id: 'catalogue-importer', dataset: { command: 'import' } });
  const exportBtn = button('Exporter le catalogue…', () => void exportCatalogue(), { id: 'catalogue-exporter', dataset: { command: 'exportCatalogue' } });
  const element = h(
    'div',
    { class: 'catalogue' },
    h('div', { class: 'view-head' }, h('h2', { text: 'Catalogue des contrats' }), h('p', { class: 'lead', text: 'Les produits par type, avec leur assureur, leurs formules et leurs versions. Ouvrez un produit pour lire ses garanties et leurs sources.' })),
    h('div', { class: 'toolbar' }, h('label', { htmlFor: search.id, text: 'Rechercher' }), search, h('span', { class: 'toolbar-gap' }), newBtn, importBtn, exportBtn),
    editStatus,
    status,
    gridEl,
    detail,
  );

  let grid: GridApi<ProductSummaryDto> | null = null;
  let loaded = false;
  let openId: string | null = null;

  /** `refresh`: the catalogue changed under an open product: rebuilt in place, the focus left where it is. */
  async function openProduct(id: string, refresh = false): Promise<void> {
    openId = id;
    if (!refresh) replace(detail, h('p', { class: 'notice notice-info', text: 'Chargement du produit…' }));
    const [product, taxonomy] = await Promise.all([ctx.catalogue.product(id), ctx.catalogue.taxonomy()]);
    if (openId !== id) return;
    if (!product.ok) {
      // e.g. the product is gone (an undone creation): nothing to refresh any more
      openId = null;
      say(detail, 'error', errorText(product.error), 'Choisissez un autre produit ou relancez Grille.');
      return;
    }
    // a refresh keeps the reading place; the focus, if it was in the old detail, goes to the new heading
    const hadFocus = detail.contains(document.activeElement) || document.activeElement === document.body;
    replace(detail, productDetail(ctx, product.value, taxonomy.ok ? taxonomy.value : []));
    if (!refresh || hadFocus) detail.querySelector('h3')?.focus({ preventScroll: refresh });
  }

  async function createProduct(): Promise<void> {
    const list = await ctx.catalogue.products();
    const created = await newProduct(ctx, list.ok ? list.value : []);
    if (created) await openProduct(created.productId);
  }

  async function exportCatalogue(): Promise<void> {
    const list = await ctx.catalogue.products();
    if (!list.ok) {
      say(editStatus, 'error', errorText(list.error), 'Relancez Grille.');
      return;
    }
    await exportFlow(ctx, editStatus, list.value, openId ? [openId] : []);
  }

  async function load(): Promise<void> {
    say(status, 'info', 'Chargement du catalogue…');
    const answer = await ctx.catalogue.products();
    if (!answer.ok) {
      say(status, 'error', errorText(answer.error), 'Relancez Grille ; si l’erreur persiste, « grille catalogue check » indique ce qui ne va pas.');
      return;
    }
    const rows = [...answer.value].sort((a, b) => kindOrder.indexOf(a.kind) - kindOrder.indexOf(b.kind) || a.name.localeCompare(b.name, 'fr'));
    if (rows.length === 0) {
      say(status, 'empty', 'Le catalogue est vide.', 'Réinitialisez-le avec « grille catalogue reset ».');
      return;
    }
    replace(status);
    loaded = true;
    if (grid) {
      grid.setGridOption('rowData', rows);
      return;
    }
    grid = makeGrid<ProductSummaryDto>(gridEl, {
      rowData: rows,
      getRowId: (p) => p.data.id,
      domLayout: 'autoHeight',
      rowSelection: { mode: 'singleRow', checkboxes: false, enableClickSelection: true },
      columnDefs: [
        { headerName: 'Type', colId: 'kind', valueGetter: (p) => (p.data ? kindLabels[p.data.kind] : ''), width: 200 },
        { headerName: 'Produit', field: 'name', flex: 2, minWidth: 260, tooltip: (p) => p.value },
        { headerName: 'Assureur', colId: 'insurer', valueGetter: (p) => p.data?.insurer.name ?? '', width: 180 },
        { headerName: 'Formules', colId: 'formulas', valueGetter: (p) => p.data?.formulas.map((f) => f.label).join(', ') ?? '', flex: 1, minWidth: 200 },
        { headerName: 'Versions', colId: 'versions', valueGetter: (p) => p.data?.versions.map((v) => v.code).join(', ') ?? '', width: 130 },
        { headerName: 'Garanties', field: 'guaranteeCount', width: 110, type: 'numericColumn' },
        { headerName: 'Cellules tarifaires', field: 'tariffCellCount', width: 120, type: 'numericColumn' },
      ],
      defaultColDef: { sortable: true, resizable: true, wrapHeaderText: true, autoHeaderHeight: true },
      onRowClicked: (e) => {
        if (e.data) void openProduct(e.data.id);
      },
      onCellKeyDown: (e) => {
        const key = (e.event as KeyboardEvent | null)?.key;
        if ((key === 'Enter' || key === ' ') && e.data) void openProduct(e.data.id);
      },
    });
    grid.setGridOption('quickFilterText', search.value);
  }

  search.addEventListener('input', () => grid?.setGridOption('quickFilterText', search.value));
  ctx.catalogue.onChange(() => {
    if (loaded) void load();
    if (openId) void openProduct(openId, true);
  });

  return {
    element,
    show(params) {
      if (!loaded) void load();
      if (params?.productId) void openProduct(params.productId);
    },
  };
}
