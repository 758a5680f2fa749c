/**
 * The comparable figure of a comparison row and its ranking: the quantity every covered cell of the row gives (in a
 * fixed order of preference), the best and worst columns, and whether the columns say different things. Text is
 * compared with accents, case and spacing folded. Pure.
 */
import type { Quantities } from './catalogue-schema';
import type { ComparisonCell, ComparisonRow, RowFigure } from './compare-types';
import { quantityDisplayOrder, quantityLabels, type QuantityKind } from './format';

/**
 * The quantity a row is compared on, in order of preference, when every covered cell has it.
 * More is better for all of them (more hours, a higher ceiling, more sessions, a longer window).
 */
export const comparableKinds: readonly QuantityKind[] = quantityDisplayOrder.filter(
  // a minimum per visit and an age limit are conditions, not a measure of how much is covered
  (k) => k !== 'minHoursPerVisit' && k !== 'ageMax',
);

/** Accents, case, apostrophe and space variants folded, for search and text comparison. */
export function foldText(s: string): string {
  return s
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[’‘`]/g, "'")
    .replace(/[\s\u00a0\u202f]+/g, ' ')
    .trim();
}

function canonicalQuantities(q: Quantities): string {
  return Object.keys(q)
    .sort()
    .map((k) => `${k}=${q[k as QuantityKind]}`)
    .join(';');
}

/** Two cells say the same thing when status and quantities agree (or, without quantities, their texts). */
function signature(c: ComparisonCell): string {
  if (c.status !== 'covered') return c.status;
  const q = canonicalQuantities(c.quantities);
  return q ? `q:${q}` : `t:${foldText(c.text).replace(/[.;,]+$/, '')}`;
}

/** The comparable figure of a row, its best and worst columns, and whether columns differ. */
export function rankRow(cells: readonly ComparisonCell[]): Pick<ComparisonRow, 'figure' | 'best' | 'worst' | 'differs'> {
  const covered = cells.flatMap((c, i) => (c.status === 'covered' ? [i] : []));
  const notCovered = cells.flatMap((c, i) => (c.status === 'not_covered' ? [i] : []));
  let figure: RowFigure | null = null;
  if (covered.length > 0) {
    const kind = comparableKinds.find((k) => covered.every((i) => cells[i]!.quantities[k] !== undefined));
    if (kind) {
      figure = {
        kind,
        label: quantityLabels[kind],
        values: cells.map((c) => (c.status === 'covered' ? (c.quantities[kind] ?? null) : null)),
      };
    }
  }
  let best: number[] = [];
  let worst: number[] = [];
  // Ranking needs two columns that say something; "non précisé" is unknown, never ranked.
  if (covered.length + notCovered.length >= 2 && covered.length > 0) {
    if (figure) {
      const vals = covered.map((i) => figure.values[i]!);
      const max = Math.max(...vals);
      const min = Math.min(...vals);
      if (max > min || notCovered.length > 0) best = covered.filter((i) => figure.values[i] === max);
      if (notCovered.length > 0) worst = notCovered;
      else if (max > min) worst = covered.filter((i) => figure.values[i] === min);
    } else if (notCovered.length > 0) {
      best = covered;
      worst = notCovered;
    }
  }
  const differs = new Set(cells.map(signature)).size > 1;
  return { figure, best, worst, differs };
}
