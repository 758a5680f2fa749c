/**
 * Benchmark helpers. Benchmarks report ratios against raw baselines measured in the same run,
 * so the figures mean the same on any machine; absolute times are printed for information only.
 */
export interface BenchRow {
  /** what was measured, in French or English */
  name: string;
  /** the measured time of Grille's path, in milliseconds */
  ms: number;
  /** the baseline's time in milliseconds, measured in the same run (null when the row has none) */
  baselineMs: number | null;
  /** what the baseline is */
  baseline: string | null;
  /** throughput units per second when meaningful (cells/s, households/s...) */
  rate?: { value: number; unit: string } | undefined;
  /** the goal as text, and whether it was met */
  goal?: string | undefined;
  met?: boolean | undefined;
}

export function time<T>(fn: () => T): { ms: number; value: T } {
  const start = process.hrtime.bigint();
  const value = fn();
  return { ms: Number(process.hrtime.bigint() - start) / 1e6, value };
}

export async function timeAsync<T>(fn: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const start = process.hrtime.bigint();
  const value = await fn();
  return { ms: Number(process.hrtime.bigint() - start) / 1e6, value };
}

/** Best of n runs: the least disturbed measurement on a shared 2-core machine. */
export function bestOf<T>(n: number, fn: () => T): { ms: number; value: T } {
  let best = time(fn);
  for (let i = 1; i < n; i++) {
    const r = time(fn);
    if (r.ms < best.ms) best = r;
  }
  return best;
}

export type BenchSection = () => Promise<BenchRow[]>;
