/**
 * The parts of the Tarifs view drawn from a tariff table: the grid's columns (one per formula × option ×
 * zone, or before / after / Δ € / Δ % when two versions are compared), the period said once above the
 * grid, the bar chart, and the choice of versions offered for a product.
 */
import type { ColDef, ColGroupDef } from 'ag-grid-community';
import type { ProductFile, TariffCellEntry } from '../../shared/core/catalogue-schema';
import { formatDateFr } from '../../shared/core/format';
import { formatEuros } from '../../shared/core/money';
import { barChart } from '../ui/bar-chart';
import { h, replace } from '../ui/dom';
import type { ColumnDefs } from '../ui/grid-rows';
import { amountText, deltaEurosText, deltaPercentText, periodLabel } from '../ui/labels';
import { amountCell, amountTooltip } from './edit-tariff';
import type { TariffColumn, TariffRow } from './tariff-table';

type Period = TariffCellEntry['period'];
type Version = ProductFile['versions'][number];

/** The one period of the whole table (the usual case), null when the cells mix them. */
export function tablePeriod(rows: readonly TariffRow[]): Period | null {
  const periods = new Set(rows.flatMap((r) => [...r.cells.values(), ...r.before.values()].map((c) => c.period)));
  return periods.size === 1 ? [...periods][0]! : null;
}

export function tableCaption(period: Period | null): string {
  return period ? `Cotisations ${periodLabel(period)}, en euros, telles que la source les imprime.` : 'Cotisations telles que la source les imprime (la période est donnée dans chaque case).';
}

/** An amount of a column: in euros alone when the period is said above the grid, with it otherwise. */
function amountGetter(col: TariffColumn, map: 'cells' | 'before', period: Period | null) {
  return (p: { data?: TariffRow | undefined }) => {
    const c = p.data?.[map].get(col.key);
    return c ? (period ? formatEuros(c.amountCents) : amountText(c.amountCents, c.period)) : 'non précisé';
  };
}

function singleColumn(col: TariffColumn, period: Period | null): ColDef<TariffRow> {
  return { headerName: col.label, colId: col.key, valueGetter: amountGetter(col, 'cells', period), width: 180, type: 'rightAligned', cellRenderer: amountCell((r) => r?.cells.get(col.key), false), tooltip: (p) => amountTooltip(p.data?.cells.get(col.key)) };
}

function comparedColumns(col: TariffColumn, version: string, other: string, period: Period | null): ColGroupDef<TariffRow> {
  const ch = (p: { data?: TariffRow | undefined }) => p.data?.changes.get(col.key);
  return {
    headerName: col.label,
    marryChildren: true,
    children: [
      { headerName: version, colId: `${col.key}:avant`, valueGetter: amountGetter(col, 'before', period), width: 100, type: 'rightAligned', cellRenderer: amountCell((r) => r?.before.get(col.key), true), tooltip: (p) => amountTooltip(p.data?.before.get(col.key)) },
      { headerName: other, colId: `${col.key}:apres`, valueGetter: amountGetter(col, 'cells', period), width: 100, type: 'rightAligned', cellRenderer: amountCell((r) => r?.cells.get(col.key), true), tooltip: (p) => amountTooltip(p.data?.cells.get(col.key)) },
      { headerName: 'Δ €', colId: `${col.key}:de`, valueGetter: (p) => { const c = ch(p); return c ? deltaEurosText(c.deltaCents) : '—'; }, width: 90, type: 'rightAligned', cellClass: 'delta' },
      { headerName: 'Δ %', colId: `${col.key}:dp`, valueGetter: (p) => { const c = ch(p); return c ? deltaPercentText(c.deltaPercent) : '—'; }, width: 90, type: 'rightAligned', cellClass: 'delta' },
    ],
  };
}

export function tariffColumnDefs(columns: readonly TariffColumn[], version: string, other: string | null, period: Period | null): ColumnDefs<TariffRow> {
  const segment: ColDef<TariffRow> = { headerName: 'Segment', field: 'label', pinned: 'left', width: 200 };
  return [segment, ...columns.map((col) => (other ? comparedColumns(col, version, other, period) : singleColumn(col, period)))];
}

/** The chart shows the version on screen: the second one when two are compared. */
export function showTariffChart(chart: HTMLElement, product: ProductFile, table: { columns: TariffColumn[]; rows: TariffRow[] }, shownCode: string, period: Period | null): void {
  const { columns, rows } = table;
  const shown = product.versions.find((x) => x.code === shownCode);
  const title = `Cotisation ${period ? `${periodLabel(period)} ` : ''}par segment et formule — ${shown?.code ?? ''}`;
  replace(
    chart,
    barChart(title, columns.map((c) => ({ label: c.label })), rows.map((r) => ({ label: r.label, values: columns.map((c) => r.cells.get(c.key)?.amountCents ?? null) })), formatEuros),
    h('figcaption', { text: `${title}. Montants de la source${shown ? ` (${shown.label})` : ''}.` }),
  );
}

function versionLabel(v: Version): string {
  const from = v.effectiveFrom ? ` — dès le ${formatDateFr(v.effectiveFrom)}` : v.effectiveTo ? ` — jusqu’au ${formatDateFr(v.effectiveTo)}` : '';
  return `${v.code} : ${v.label}${from}`;
}

/**
 * The versions offered (those with cells, else all): the first one, compared with the latest when there
 * are two or more; the same product reloaded (after an edit) keeps the versions on screen.
 */
export function fillVersions(versionSel: HTMLSelectElement, compareSel: HTMLSelectElement, product: ProductFile, keep: { version: string; compare: string } | null): void {
  const withCells = product.versions.filter((v) => product.tariffs.some((c) => c.version === v.code));
  const versions = withCells.length ? withCells : product.versions;
  replace(versionSel, ...versions.map((v) => h('option', { value: v.code, text: versionLabel(v) })));
  replace(compareSel, h('option', { value: '', text: '— aucune —' }), ...versions.map((v) => h('option', { value: v.code, text: versionLabel(v) })));
  versionSel.value = versions[0]!.code;
  compareSel.value = versions.length > 1 ? versions[versions.length - 1]!.code : '';
  if (keep && versions.some((v) => v.code === keep.version)) versionSel.value = keep.version;
  if (keep && (keep.compare === '' || versions.some((v) => v.code === keep.compare))) compareSel.value = keep.compare;
}
