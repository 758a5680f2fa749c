/**
 * The two tables of a deliberation on one grid: rows are formula × option × zone, columns the segments
 * (and, when one table prints the children beside the retirees and the other does not, a derived column
 * for the retirees' children). Pure: the sheets read it, nothing here knows of rows of a sheet.
 */
import type { ProductFile } from '../../../shared/core/catalogue-schema';
import { sameTable } from '../../../shared/core/product-index';
import type { CellLike } from '../../../shared/core/revision';
import type { DeliberationData } from './types';

export type SideName = 'before' | 'after';

export const SIDES: readonly SideName[] = ['before', 'after'];

export interface RowKey {
  formula: string;
  option: string;
  zone: string;
  label: string;
}

export interface Column {
  /** segment code; null for the derived column (children of retirees) */
  code: string | null;
  label: string;
}

/** The two tables on one grid of rows (formula × option × zone) and columns (segments). */
export interface Grid {
  rows: RowKey[];
  columns: Column[];
  /** cents per side, [row][column]; the derived column holds the children's cell when it applies */
  cents: Record<SideName, (number | null)[][]>;
  /** per side and row: the derived column repeats the children's column (same printed table) */
  derivedFromChild: Record<SideName, boolean[]>;
  /** index of the children's column, when there is a derived column */
  childColumn: number | null;
  derivedNote: string | null;
  period: 'month' | 'year' | 'mixed';
}

export const keyOf = (formula: string, option: string, zone: string) => `${formula}\u0000${option}\u0000${zone}`;

/** The cell of a row key and a segment: `map.get(cellKey(row, segment))`. */
export const cellKey = (row: Pick<RowKey, 'formula' | 'option' | 'zone'>, segment: string) => `${keyOf(row.formula, row.option, row.zone)}\u0000${segment}`;

export function cellMap(cells: readonly CellLike[]): Map<string, CellLike> {
  const map = new Map<string, CellLike>();
  for (const c of cells) {
    const k = cellKey({ formula: c.formula, option: c.option ?? '', zone: c.zone ?? '' }, c.segment);
    if (!map.has(k)) map.set(k, c);
  }
  return map;
}

/** The rows of both tables, in the product's formula order (then option order, then first seen). */
function gridRows(product: ProductFile, cells: readonly CellLike[]): RowKey[] {
  const rank = new Map(product.formulas.map((f, i) => [f.code, i]));
  const label = new Map(product.formulas.map((f) => [f.code, f.label]));
  const byKey = new Map<string, RowKey & { first: number }>();
  let n = 0;
  for (const c of cells) {
    const k = keyOf(c.formula, c.option ?? '', c.zone ?? '');
    if (byKey.has(k)) continue;
    const option = c.option ?? '';
    const zone = c.zone ?? '';
    const text = `${label.get(c.formula) ?? c.formula}${option ? ` + ${label.get(option) ?? option}` : ''}${zone ? ` (zone ${zone})` : ''}`;
    byKey.set(k, { formula: c.formula, option, zone, label: text, first: n++ });
  }
  const r = (code: string) => rank.get(code) ?? Number.MAX_SAFE_INTEGER;
  return [...byKey.values()].sort((a, b) => r(a.formula) - r(b.formula) || (a.option ? r(a.option) : -1) - (b.option ? r(b.option) : -1) || a.first - b.first);
}

/** The segments the tables use, in the product's order (unknown codes last, as their own label). */
function gridSegments(product: ProductFile, cells: readonly CellLike[]): Column[] {
  const used = new Set(cells.map((c) => c.segment));
  const segments = product.segments.filter((s) => used.has(s.code)).map((s) => ({ code: s.code, label: s.label }));
  for (const code of used) if (!segments.some((s) => s.code === code)) segments.push({ code, label: code });
  return segments;
}

interface Derived {
  child: ProductFile['segments'][number];
  retiree: ProductFile['segments'][number];
  fromChild: Record<SideName, boolean[]>;
  /** a table prints the retirees without the children: the derived column is needed */
  needed: boolean;
}

/**
 * Children of retirees: when a table prints the children beside the retirees, the children's price is
 * theirs too; when the retirees' table has no children's column (Intériale 2026), they have none.
 */
function derivedChildren(data: DeliberationData, rows: readonly RowKey[], segments: readonly Column[], cell: (side: SideName, row: RowKey, segment: string) => CellLike | null): Derived | null {
  const p = data.product;
  const child = p.segments.find((s) => s.roles.includes('enfant') && segments.some((x) => x.code === s.code));
  const retiree = p.segments.find((s) => s.status === 'retraite' && s.roles.includes('principal') && segments.some((x) => x.code === s.code));
  if (!child || !retiree) return null;
  const fromChild: Record<SideName, boolean[]> = { before: rows.map(() => false), after: rows.map(() => false) };
  let needed = false;
  for (const side of SIDES) {
    rows.forEach((row, i) => {
      const c = cell(side, row, child.code);
      const rt = cell(side, row, retiree.code);
      if (!c || !rt) return;
      if (sameTable(c.source, rt.source) === false) needed = true;
      else fromChild[side][i] = true;
    });
  }
  return { child, retiree, fromChild, needed };
}

function derivedNoteOf(d: Derived, label: string): string {
  const sideText = (side: SideName, name: string) =>
    d.fromChild[side].some(Boolean)
      ? `${name} : la colonne « ${d.child.label} » est imprimée dans le même tableau que « ${d.retiree.label} » : elle vaut pour leurs enfants (formule = la cellule « ${d.child.label} »).`
      : `${name} : le tableau des « ${d.retiree.label} » n’a pas de colonne « ${d.child.label} » : tarif non précisé par la source, aucune autre colonne n’est substituée.`;
  return `Colonne « ${label} » déduite des tableaux. ${sideText('before', 'Avant')} ${sideText('after', 'Après')}`;
}

export function buildGrid(data: DeliberationData): Grid {
  const all = [...data.before.cells, ...data.after.cells];
  const rows = gridRows(data.product, all);
  const segments = gridSegments(data.product, all);
  const maps = { before: cellMap(data.before.cells), after: cellMap(data.after.cells) };
  const cell = (side: SideName, row: RowKey, segment: string) => maps[side].get(cellKey(row, segment)) ?? null;

  const found = derivedChildren(data, rows, segments, cell);
  const derived = found?.needed ? found : null;
  const derivedFromChild = found?.fromChild ?? { before: rows.map(() => false), after: rows.map(() => false) };
  const columns: Column[] = segments.map((s) => ({ code: s.code, label: s.label }));
  let childColumn: number | null = null;
  let derivedNote: string | null = null;
  if (derived) {
    childColumn = segments.findIndex((s) => s.code === derived.child.code);
    const lower = derived.retiree.label.charAt(0).toLowerCase() + derived.retiree.label.slice(1);
    columns.push({ code: null, label: `${derived.child.label} de ${lower}` });
    derivedNote = derivedNoteOf(derived, columns[columns.length - 1]!.label);
  }

  const cents: Record<SideName, (number | null)[][]> = { before: [], after: [] };
  const periods = new Set<string>();
  for (const side of SIDES) {
    cents[side] = rows.map((row, i) =>
      columns.map((col) => {
        if (col.code === null) return derivedFromChild[side][i] && derived ? (cell(side, row, derived.child.code)?.amountCents ?? null) : null;
        const c = cell(side, row, col.code);
        if (c) periods.add(c.period);
        return c ? c.amountCents : null;
      }),
    );
  }
  const period = periods.size === 1 ? (periods.has('year') ? 'year' : 'month') : periods.size === 0 ? 'month' : 'mixed';
  return { rows, columns, cents, derivedFromChild, childColumn, derivedNote, period };
}
