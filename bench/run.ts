/**
 * npm run bench: every benchmark in one run, each with its baseline measured in the same run.
 * Prints a table and writes bench/results/latest.json.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BenchRow, BenchSection } from './harness';
import { exportBench } from './export';
import { importBench } from './import';
import { jobsBench } from './jobs';
import { pricingBench } from './pricing';
import { rendererBench } from './renderer';
import { storeBench } from './store';

const sections: [string, BenchSection][] = [
  ['Catalogue (SQLite)', storeBench],
  ['Tarification', pricingBench],
  ['Exports Excel', exportBench],
  ['Import de catalogue', importBench],
  ['Travaux longs (worker)', jobsBench],
  ['Affichage (Chromium)', rendererBench],
];

function fmt(ms: number): string {
  return ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(1)} ms`;
}

async function main(): Promise<void> {
  const only = process.argv.slice(2);
  const results: { section: string; rows: BenchRow[] }[] = [];
  for (const [name, run] of sections) {
    if (only.length && !only.some((o) => name.toLowerCase().includes(o.toLowerCase()))) continue;
    process.stdout.write(`\n== ${name}\n`);
    const rows = await run();
    results.push({ section: name, rows });
    for (const r of rows) {
      const ratio = r.baselineMs !== null ? (r.rate ? ` — ratio ${(r.baselineMs / r.ms).toFixed(2)} (vs ${r.baseline})` : ` — ×${(r.ms / r.baselineMs).toFixed(2)} of ${r.baseline} (${fmt(r.baselineMs)})`) : '';
      const rate = r.rate ? ` — ${Math.round(r.rate.value).toLocaleString('fr-FR')} ${r.rate.unit}` : '';
      const goal = r.goal ? ` — goal ${r.goal}: ${r.met ? 'met' : 'NOT met'}` : '';
      process.stdout.write(`${r.name}: ${fmt(r.ms)}${rate}${ratio}${goal}\n`);
    }
  }
  mkdirSync(join(__dirname, 'results'), { recursive: true });
  writeFileSync(join(__dirname, 'results', 'latest.json'), `${JSON.stringify({ date: new Date().toISOString(), node: process.version, results }, null, 2)}\n`);
}

main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});
