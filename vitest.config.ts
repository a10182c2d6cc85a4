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
          testTimeout: 30_000,
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
          fileParallelism: false,
        },
      },
    ],
  },
});
