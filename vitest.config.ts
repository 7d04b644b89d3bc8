import { defineConfig } from 'vitest/config';

// Three projects, run one after the other (groupOrder): fast unit tests, tests on a real
// Docker engine, browser tests. Docker and browser tests run one file at a time.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          sequence: { groupOrder: 0 },
          include: ['{main,scenarios,renderer,resources}/**/*.test.{ts,tsx}'],
          exclude: ['**/*.docker.test.ts', '**/node_modules/**', '**/dist/**'],
          environment: 'node',
        },
      },
      {
        test: {
          name: 'docker',
          sequence: { groupOrder: 1 },
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
          sequence: { groupOrder: 2 },
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
