/**
 * The tariff table of one version as rows (segments) × columns (formula, option, zone), and the
 * before/after of two versions. The amounts are the catalogue's cells; the differences are the
 * engine's `diffCells` (src/shared), the one that revisions and exports use.
 */
import type { ProductFile, TariffCellEntry } from '../../shared/core/catalogue-schema';
import { diffCells, type CellChange } from '../../shared/core/revision';

export interface TariffColumn {
  key: string;
  label: string;
  formula: string;
  option: string;
  zone: string;
}

export interface TariffRow {
  segment: string;
  label: string;
  /** the shown version's cells (the "after" one when two versions are compared) */
  cells: Map<string, TariffCellEntry>;
  /** the "before" version's cells when two versions are compared */
  before: Map<string, TariffCellEntry>;
  changes: Map<string, CellChange>;
}

export const columnKey = (c: { formula: string; option?: string | undefined; zone?: string | undefined }) => `${c.formula}|${c.option ?? ''}|${c.zone ?? ''}`;

export function tariffColumns(p: ProductFile, cells: readonly TariffCellEntry[]): TariffColumn[] {
  const label = (code: string) => p.formulas.find((f) => f.code === code)?.label ?? code;
  const seen = new Map<string, TariffColumn>();
  // formulas in the product's order, then options, then zones
  const order = (c: TariffCellEntry) => p.formulas.findIndex((f) => f.code === c.formula) * 1000 + (c.option ? p.formulas.findIndex((f) => f.code === c.option) : 0);
  for (const c of [...cells].sort((a, b) => order(a) - order(b))) {
    const key = columnKey(c);
    if (!seen.has(key)) seen.set(key, { key, formula: c.formula, option: c.option, zone: c.zone, label: [label(c.formula), c.option ? label(c.option) : '', c.zone].filter(Boolean).join(' + ') });
  }
  return [...seen.values()];
}

export function tariffRows(p: ProductFile, version: string, compareWith: string | null): { columns: TariffColumn[]; rows: TariffRow[] } {
  const before = p.tariffs.filter((c) => c.version === version);
  const after = compareWith ? p.tariffs.filter((c) => c.version === compareWith) : [];
  const columns = tariffColumns(p, [...before, ...after]);
  const segmentLabel = (code: string) => p.segments.find((s) => s.code === code)?.label ?? code;
  const segmentOrder = (code: string) => {
    const i = p.segments.findIndex((s) => s.code === code);
    return i < 0 ? Number.MAX_SAFE_INTEGER : i;
  };
  const rows = new Map<string, TariffRow>();
  const rowOf = (segment: string) => {
    let r = rows.get(segment);
    if (!r) rows.set(segment, (r = { segment, label: segmentLabel(segment), cells: new Map(), before: new Map(), changes: new Map() }));
    return r;
  };
  for (const c of compareWith ? after : before) rowOf(c.segment).cells.set(columnKey(c), c);
  if (compareWith) {
    for (const ch of diffCells(before, after).changes) rowOf(ch.segment).changes.set(columnKey(ch), ch);
    for (const c of before) rowOf(c.segment).before.set(columnKey(c), c);
  }
  return { columns, rows: [...rows.values()].sort((a, b) => segmentOrder(a.segment) - segmentOrder(b.segment)) };
}
