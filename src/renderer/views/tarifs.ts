/**
 * Tarifs: a product's tariff table by version (formula × segment), the before/after of two versions
 * with Δ € and Δ %, a bar chart of the cotisation by segment and formula, and the Excel export.
 */
import type { ColDef, ColGroupDef, GridApi } from 'ag-grid-community';
import type { ProductSummaryDto } from '../../shared/api';
import type { ProductFile } from '../../shared/core/catalogue-schema';
import { formatDateFr } from '../../shared/core/format';
import { formatEuros } from '../../shared/core/money';
import { ask } from '../ui/api';
import { barChart } from '../ui/bar-chart';
import { busy } from '../ui/busy';
import type { AppContext, View } from '../ui/context';
import { button, field, h, replace } from '../ui/dom';
import { compactTheme, makeGrid } from '../ui/grid';
import { amountText, deltaEurosText, deltaPercentText, periodLabel } from '../ui/labels';
import { errorText, say, sayExported } from '../ui/notice';
import { amountCell, amountTooltip, cellOfColumn, editTariffCell } from './edit-tariff';
import { declaredRevision } from './tarifs-revision';
import { tariffRows, type TariffRow } from './tariff-table';
import { productListShow } from '../ui/product-list';

function versionLabel(v: ProductFile['versions'][number]): string {
  const from = v.effectiveFrom ? ` — dès le ${formatDateFr(v.effectiveFrom)}` : v.effectiveTo ? ` — jusqu’au ${formatDateFr(v.effectiveTo)}` : '';
  return `${v.code} : ${v.label}${from}`;
}

export function tarifsView(ctx: AppContext): View {
  const productSel = h('select', { id: 'tarifs-produit' });
  const versionSel = h('select', { id: 'tarifs-version' });
  const compareSel = h('select', { id: 'tarifs-comparer' });
  const exportBtn = button('Exporter en Excel', () => void exportXlsx(), { id: 'tarifs-exporter', dataset: { command: 'export' } });
  const editBtn = button('Modifier la cellule', () => editFocused(), { id: 'tarifs-modifier', title: 'Modifie la case sélectionnée (ou double-clic, ou Entrée sur une case)' });
  const status = h('div', { class: 'slot' });
  const revisionNote = h('div', { class: 'slot revision-note', attrs: { 'aria-live': 'polite' } });
  const gridEl = h('div', { class: 'grid grid-tariffs', id: 'tarifs-grille' });
  const caption = h('p', { class: 'muted grid-caption' });
  const chart = h('figure', { class: 'chart' });
  const element = h(
    'div',
    { class: 'tarifs' },
    h('div', { class: 'view-head' }, h('h2', { text: 'Tarifs' }), h('p', { class: 'lead', text: 'La grille de cotisations d’un produit par version, formule et segment, telle que la source l’imprime. Choisissez une seconde version pour voir l’écart.' })),
    h('div', { class: 'form-row' }, field('Produit', productSel), field('Version', versionSel), field('Comparer avec', compareSel), exportBtn, editBtn),
    status,
    revisionNote,
    caption,
    gridEl,
    chart,
  );

  let grid: GridApi<TariffRow> | null = null;
  let products: ProductSummaryDto[] = [];
  let product: ProductFile | null = null;

  function render(): void {
    if (!product) return;
    const version = versionSel.value;
    const other = compareSel.value || null;
    const { columns, rows } = tariffRows(product, version, other);
    if (rows.length === 0) {
      say(status, 'empty', 'Cette version n’a pas de grille de cotisations dans la source.', 'Choisissez une autre version.');
      gridEl.hidden = true;
      caption.textContent = '';
      replace(chart);
      return;
    }
    replace(status);
    gridEl.hidden = false;
    const v = (k: string) => product!.versions.find((x) => x.code === k)?.code ?? k;
    // one period for the whole table (the usual case): said once above the grid, not in every cell
    const periods = new Set(rows.flatMap((r) => [...r.cells.values(), ...r.before.values()].map((c) => c.period)));
    const period = periods.size === 1 ? [...periods][0]! : null;
    caption.textContent = period ? `Cotisations ${periodLabel(period)}, en euros, telles que la source les imprime.` : 'Cotisations telles que la source les imprime (la période est donnée dans chaque case).';
    const defs: (ColDef<TariffRow> | ColGroupDef<TariffRow>)[] = [{ headerName: 'Segment', field: 'label', pinned: 'left', width: 200 }];
    for (const col of columns) {
      const amount = (map: 'cells' | 'before') => (p: { data?: TariffRow | undefined }) => {
        const c = p.data?.[map].get(col.key);
        return c ? (period ? formatEuros(c.amountCents) : amountText(c.amountCents, c.period)) : 'non précisé';
      };
      if (!other) {
        defs.push({ headerName: col.label, colId: col.key, valueGetter: amount('cells'), width: 180, type: 'rightAligned', cellRenderer: amountCell((r) => r?.cells.get(col.key), false), tooltip: (p) => amountTooltip(p.data?.cells.get(col.key)) });
        continue;
      }
      const ch = (p: { data?: TariffRow | undefined }) => p.data?.changes.get(col.key);
      defs.push({
        headerName: col.label,
        marryChildren: true,
        children: [
          { headerName: v(version), colId: `${col.key}:avant`, valueGetter: amount('before'), width: 100, type: 'rightAligned', cellRenderer: amountCell((r) => r?.before.get(col.key), true), tooltip: (p) => amountTooltip(p.data?.before.get(col.key)) },
          { headerName: v(other), colId: `${col.key}:apres`, valueGetter: amount('cells'), width: 100, type: 'rightAligned', cellRenderer: amountCell((r) => r?.cells.get(col.key), true), tooltip: (p) => amountTooltip(p.data?.cells.get(col.key)) },
          { headerName: 'Δ €', colId: `${col.key}:de`, valueGetter: (p) => { const c = ch(p); return c ? deltaEurosText(c.deltaCents) : '—'; }, width: 90, type: 'rightAligned', cellClass: 'delta' },
          { headerName: 'Δ %', colId: `${col.key}:dp`, valueGetter: (p) => { const c = ch(p); return c ? deltaPercentText(c.deltaPercent) : '—'; }, width: 90, type: 'rightAligned', cellClass: 'delta' },
        ],
      });
    }
    if (!grid)
      grid = makeGrid<TariffRow>(gridEl, {
        theme: compactTheme,
        rowData: rows,
        getRowId: (p) => p.data.segment,
        columnDefs: defs,
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
    else {
      grid.setGridOption('columnDefs', defs);
      grid.setGridOption('rowData', rows);
    }
    // the chart shows the version on screen: the second one when two are compared
    const shown = product.versions.find((x) => x.code === (other ?? version));
    const title = `Cotisation ${period ? `${periodLabel(period)} ` : ''}par segment et formule — ${shown?.code ?? ''}`;
    replace(
      chart,
      barChart(title, columns.map((c) => ({ label: c.label })), rows.map((r) => ({ label: r.label, values: columns.map((c) => r.cells.get(c.key)?.amountCents ?? null) })), formatEuros),
      h('figcaption', { text: `${title}. Montants de la source${shown ? ` (${shown.label})` : ''}.` }),
    );
    replace(revisionNote);
    if (other) void declaredRevision(ctx, product, version, other, rows).then((note) => note && replace(revisionNote, note));
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
    const focused = grid?.getFocusedCell();
    const row = focused ? grid?.getDisplayedRowAtIndex(focused.rowIndex)?.data : undefined;
    if (!focused || !row || !cellOfColumn(row, focused.column.getColId())) {
      say(status, 'info', 'Sélectionnez d’abord une case de montant dans la grille (clic ou flèches), puis « Modifier la cellule ».', 'Double-clic ou Entrée sur une case l’ouvre aussi.');
      return;
    }
    editAt(row, focused.column.getColId());
  }

  async function openProduct(id: string): Promise<void> {
    const answer = await ctx.catalogue.product(id);
    if (!answer.ok) {
      say(status, 'error', errorText(answer.error), 'Choisissez un autre produit.');
      return;
    }
    // the same product reloaded (after an edit): the versions on screen stay
    const keep = product?.product.id === id ? { version: versionSel.value, compare: compareSel.value } : null;
    product = answer.value;
    const withCells = product.versions.filter((v) => product!.tariffs.some((c) => c.version === v.code));
    const versions = withCells.length ? withCells : product.versions;
    replace(versionSel, ...versions.map((v) => h('option', { value: v.code, text: versionLabel(v) })));
    replace(compareSel, h('option', { value: '', text: '— aucune —' }), ...versions.map((v) => h('option', { value: v.code, text: versionLabel(v) })));
    // the first version, compared with the latest when there are two or more
    versionSel.value = versions[0]!.code;
    compareSel.value = versions.length > 1 ? versions[versions.length - 1]!.code : '';
    if (keep && versions.some((v) => v.code === keep.version)) versionSel.value = keep.version;
    if (keep && (keep.compare === '' || versions.some((v) => v.code === keep.compare))) compareSel.value = keep.compare;
    render();
  }

  async function exportXlsx(): Promise<void> {
    if (!product) return;
    const id = product.product.id;
    const answer = await busy(exportBtn, 'Export…', () => ask(() => ctx.api().exportTariffs({ productIds: [id] })));
    sayExported(status, answer);
  }

  const showView = productListShow(ctx, status, {
    fill: async (list, wanted) => {
      products = list.filter((p) => p.tariffCellCount > 0);
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

  productSel.addEventListener('change', () => void openProduct(productSel.value));
  versionSel.addEventListener('change', render);
  compareSel.addEventListener('change', render);

  return { element, show: showView };
}
