#!/usr/bin/env node
/**
 * Runs electronegativity (Doyensec's Electron security checks) on src/ and fails on any HIGH finding.
 * Its command line does not start in this project: it requires a `commander` it does not declare
 * and gets the project's commander 14, whose API differs. Its runner is called directly instead.
 *
 *   node scripts/electronegativity.mjs [report.csv|report.sarif]
 *
 * Every finding, whatever its severity, has its reason in docs/SECURITY.md.
 */
import { createRequire } from 'node:module';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const run = require('@doyensec/electronegativity/dist/runner.js');
const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const electronVersion = require(resolve(root, 'node_modules', 'electron', 'package.json')).version;
const output = process.argv[2] ? resolve(process.argv[2]) : undefined;

const result = await run(
  {
    input: resolve(root, 'src'),
    output,
    isSarif: output?.endsWith('.sarif') ?? false,
    customScan: [],
    excludeFromScan: [],
    isRelative: true,
    isVerbose: true,
    electronVersionOverride: electronVersion,
    parserPlugins: [],
  },
  false,
);

for (const e of result.errors) console.log(`${e.tolerable ? 'warning' : 'ERROR'} parsing ${e.file}: ${e.message}`);
const rows = result.issues
  .map((i) => ({ id: i.id, severity: i.severity.name, confidence: i.confidence.name, where: `src/${i.file}:${i.location.line}`, review: i.manualReview ? 'manual review' : '' }))
  .sort((a, b) => a.where.localeCompare(b.where) || a.id.localeCompare(b.id));
console.log(`electronegativity (Electron ${electronVersion}): ${result.globalChecks + result.atomicChecks} checks, ${rows.length} findings`);
for (const r of rows) console.log(`  ${r.severity.padEnd(13)} ${r.confidence.padEnd(9)} ${r.id.padEnd(34)} ${r.where} ${r.review}`);
if (output) console.log(`report: ${output}`);
const high = rows.filter((r) => r.severity === 'HIGH');
const broken = result.errors.filter((e) => !e.tolerable);
if (high.length || broken.length) {
  console.error(`${high.length} HIGH finding(s), ${broken.length} file(s) not analysed: see docs/SECURITY.md`);
  process.exit(1);
}
