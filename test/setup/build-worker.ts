import { execFileSync } from 'node:child_process';

/** Jobs run in a worker thread whose script is built (out/jobs/job-worker.cjs): build it once before the run. */
export default function setup(): void {
  execFileSync(process.execPath, ['scripts/build-worker.mjs'], { stdio: 'inherit' });
}
