import { defineConfig } from 'vitest/config';

/**
 * Two suites: fast tests of the domain, database and services under Node, and
 * end-to-end tests driving the built app in Chromium (serial: they share a browser build).
 */
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'node',
          include: ['test/shared/**/*.test.ts', 'test/electron/**/*.test.ts', 'test/renderer/**/*.test.ts'],
          environment: 'node',
          // A safety net for a hung test, not a speed check (those are benchmarks): property loops
          // and 20000×20000 images take seconds here and several times that on a busy machine.
          testTimeout: 90_000,
          // A throwaway PostgreSQL cluster: database tests run on both engines.
          globalSetup: ['test/support/postgres-global-setup.ts'],
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          environment: 'node',
          testTimeout: 120_000,
          hookTimeout: 120_000,
          // A poll waits for what it means (a row, a count); a busy machine only makes it wait longer.
          expect: { poll: { timeout: 30_000 } },
          fileParallelism: false,
        },
      },
    ],
  },
});
