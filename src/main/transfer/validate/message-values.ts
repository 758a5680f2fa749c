/** How values are written in the messages of a validation (French, fr-FR amounts). */
import { isDeepStrictEqual } from 'node:util';
import type { Path } from './parsed-input';

export const euros = (cents: number): string =>
  `${(cents / 100).toLocaleString('fr-FR', { minimumFractionDigits: 2, maximumFractionDigits: 2 })} €`.replace(/[\u202f\u00a0]/g, ' ');

/** A value quoted in a message, cut at 80 characters. */
export function describe(v: unknown): string {
  if (v === null || v === undefined) return 'vide';
  const s = typeof v === 'string' ? `« ${v} »` : JSON.stringify(v);
  return s.length > 80 ? `${s.slice(0, 80)}…` : s;
}

export interface Difference {
  path: Path;
  stored: unknown;
  incoming: unknown;
}

/** The first field that differs between two entries, for a message. */
export function firstDifference(a: unknown, b: unknown, path: Path = []): Difference | null {
  if (isDeepStrictEqual(a, b)) return null;
  if (a && b && typeof a === 'object' && typeof b === 'object' && !Array.isArray(a) && !Array.isArray(b)) {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    for (const k of keys) {
      const d = firstDifference((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], [...path, k]);
      if (d) return d;
    }
  }
  return { path, stored: a, incoming: b };
}
