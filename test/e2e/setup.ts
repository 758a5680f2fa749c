/**
 * vitest globalSetup for the renderer e2e tests: build the renderer once per run into out/renderer and
 * tell the test files where it is (inject('grilleRendererDir')).
 */
import type { TestProject } from 'vitest/node';
import { buildRenderer } from './build-renderer';

export default async function setup(project: TestProject): Promise<void> {
  const started = Date.now();
  const dir = await buildRenderer();
  project.provide('grilleRendererDir', dir);
  process.stdout.write(`renderer built for e2e in ${((Date.now() - started) / 1000).toFixed(1)} s: ${dir}\n`);
}
