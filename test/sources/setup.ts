import { findSeedsDir } from '../../src/main/catalogue/provenance-check';

/**
 * Stops the run before any test when the source texts are missing, with the places it looked at (one message,
 * not one failure per test, and no stack: nothing is broken in the code).
 */
export default function setup(): void {
  const seeds = findSeedsDir();
  if (!seeds.dir) {
    process.stderr.write(`\nnpm run test:sources : ${seeds.message}\n\n`);
    process.exit(1);
  }
  process.stdout.write(`${seeds.message}\n`);
}
