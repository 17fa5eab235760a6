import { defineConfig } from 'vitest/config';

// One command runs everything: `pnpm test`.
// - unit: pure functions, co-located beside the code (api/, db/, scripts/, web/ catalogs)
// - integration: the API on a fresh database per file (PGlite, and the server when
//   TEST_DATABASE_URL is set)
// - reliability: the write path under concurrency, faults and bad input
// - e2e: the built dashboard in headless Chromium
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: [
            'api/src/**/*.test.ts',
            'db/src/**/*.test.ts',
            'scripts/src/**/*.test.ts',
            'web/src/**/*.test.ts',
          ],
          environment: 'node',
        },
      },
      {
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          environment: 'node',
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
      {
        test: {
          // the write path under stress: concurrency, database restarts, kill -9,
          // generated bad input (each file on PGlite and the server, like integration)
          name: 'reliability',
          include: ['test/reliability/**/*.test.ts'],
          environment: 'node',
          testTimeout: 120_000,
          hookTimeout: 180_000,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          // a missing Chromium stops the project with one message saying how to install it
          globalSetup: ['test/e2e/global-setup.ts'],
          environment: 'node',
          testTimeout: 90_000,
          hookTimeout: 180_000,
          // one Chromium and one server at a time on a small machine
          fileParallelism: false,
        },
      },
    ],
  },
});
