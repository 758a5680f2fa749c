/** Terminal output helpers: aligned tables, fr-FR money, JSON with a trailing newline. */

export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
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
