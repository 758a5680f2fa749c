// Bundles the jobs' worker thread (src/main/jobs/worker.ts) for plain Node into out/jobs/job-worker.cjs:
// the tests, the e2e harness and the benchmark run jobs in it. The desktop app builds its own copy with
// electron-vite (out/main/job-worker.js, electron.vite.config.ts). Native and heavy packages stay external.
import { build } from 'esbuild';

await build({
  entryPoints: ['src/main/jobs/worker.ts'],
  outfile: 'out/jobs/job-worker.cjs',
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  sourcemap: true,
  external: ['better-sqlite3', 'exceljs', 'electron'],
  logLevel: 'warning',
});
