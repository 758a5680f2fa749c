import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

/**
 * `npm run test:sources`: the tests that read the source texts of the default catalogue (outside the project:
 * ../shared/seeds beside the clone, or the folder named by GRILLE_SOURCES). `npm test` leaves them out, so a
 * clone alone passes it; this run fails before any test when the texts are not at hand, naming where it looked.
 */
export default defineConfig({
  root: fileURLToPath(new URL('../..', import.meta.url)),
  test: {
    include: ['test/sources/**/*.test.ts'],
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    globalSetup: ['test/sources/setup.ts', 'test/setup/build-cli.ts'],
  },
});
