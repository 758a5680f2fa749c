/**
 * Calendar dates as ISO strings "AAAA-MM-JJ" (no time, no time zone). Pure.
 *
 * API
 * - `isIsoDate(s)`: a real calendar date in the form AAAA-MM-JJ ("2026-02-30" → false).
 * - `parseBirth(s)` → `{ year, iso }` | null: a birth given as "AAAA-MM-JJ" (iso set) or as a year "AAAA" (iso null).
 * - `yearOf(iso)`, `monthOf(iso)` (1-12), `dayBefore(iso)` ("2026-01-01" → "2025-12-31").
 * - `formatDateFr(iso)` → "01/01/2026" (display only).
 * ISO strings of this form compare correctly with < and >.
 */

const ISO_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isIsoDate(s: string): boolean {
  const m = ISO_RE.exec(s);
  if (!m) return false;
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  if (mo < 1 || mo > 12 || d < 1) return false;
  return d <= daysInMonth(y, mo);
}

const DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function daysInMonth(year: number, month: number): number {
  if (month === 2 && ((year % 4 === 0 && year % 100 !== 0) || year % 400 === 0)) return 29;
  return DAYS[month - 1]!;
}

export interface Birth {
  year: number;
  /** the full date when given, else null (a birth year only) */
  iso: string | null;
}

export function parseBirth(s: string): Birth | null {
  const t = s.trim();
  if (/^\d{4}$/.test(t)) return { year: Number(t), iso: null };
  if (isIsoDate(t)) return { year: Number(t.slice(0, 4)), iso: t };
  return null;
}

export function yearOf(iso: string): number {
  return Number(iso.slice(0, 4));
}

export function monthOf(iso: string): number {
  return Number(iso.slice(5, 7));
}

export function dayBefore(iso: string): string {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}

export function formatDateFr(iso: string): string {
  return `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;
}
