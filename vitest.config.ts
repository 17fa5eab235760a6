import { defineConfig } from 'vitest/config';

// One command runs everything: `pnpm test`.
// - unit: pure functions, co-located beside the code (api/, db/, scripts/)
// - integration: the API on a fresh database per file (PGlite, and the server when
//   TEST_DATABASE_URL is set)
// - e2e: the built dashboard in headless Chromium
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['api/src/**/*.test.ts', 'db/src/**/*.test.ts', 'scripts/src/**/*.test.ts'],
          environment: 'node',
        },
      },
      {
        test: {
          name: 'integration',
          // reliability: process-level cases (database outages, replicas, signals) on
          // PostgreSQL clusters and servers the tests start themselves
          include: ['test/integration/**/*.test.ts', 'test/reliability/**/*.test.ts'],
          environment: 'node',
          testTimeout: 60_000,
          hookTimeout: 120_000,
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
