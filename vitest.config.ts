import { defineConfig } from 'vitest/config';

// Three projects: fast unit tests, tests on a real Docker engine, browser tests.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['{main,scenarios,renderer,resources}/**/*.test.{ts,tsx}'],
          exclude: ['**/*.docker.test.ts', '**/node_modules/**', '**/dist/**'],
          environment: 'node',
        },
      },
      {
        test: {
          name: 'docker',
          include: ['{main,scenarios,resources}/**/*.docker.test.ts'],
          exclude: ['**/node_modules/**'],
          environment: 'node',
          testTimeout: 600_000,
          hookTimeout: 900_000,
          fileParallelism: false,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['e2e/**/*.test.ts'],
          environment: 'node',
          testTimeout: 600_000,
          hookTimeout: 900_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
