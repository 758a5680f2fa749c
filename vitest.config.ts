import { configDefaults, defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // the tests that read the source texts (outside the project) run with `npm run test:sources`
    exclude: [...configDefaults.exclude, 'test/sources/**'],
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    globalSetup: ['test/setup/build-cli.ts', 'test/setup/build-worker.ts', 'test/e2e/setup.ts'],
  },
});
