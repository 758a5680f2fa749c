/** Terminal output helpers: aligned tables, fr-FR money, JSON with a trailing newline. */

/** Exact rationals (BigInt) are written as strings. */
export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v), 2)}\n`);
}

export function pct(value: number | null): string {
  if (value === null) return '—';
  return `${value > 0 ? '+' : ''}${value.toLocaleString('fr-FR', { minimumFractionDigits: 2, maximumFractionDigits: 2 })} %`;
}

export function money(cents: number | null): string {
  return cents === null ? 'non précisé' : euros(cents);
}

const euro = new Intl.NumberFormat('fr-FR', { style: 'currency', currency: 'EUR' });
/** 2514 → "25,14 €" (narrow no-break spaces folded to plain spaces for terminals). */
export function euros(cents: number): string {
  return euro.format(cents / 100).replace(/[\u202f\u00a0]/g, ' ');
}

/** 2026-01-01 → 01/01/2026 */
export function frDate(iso: string | null): string {
  if (!iso) return 'non précisée';
  const [y, m, d] = iso.split('-');
  return `${d}/${m}/${y}`;
}

export function table(headers: string[], rows: string[][]): string {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => c.padEnd(widths[i]!))
      .join('  ')
      .trimEnd();
  return [line(headers), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}
