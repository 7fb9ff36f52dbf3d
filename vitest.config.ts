import { defineConfig } from 'vitest/config';

/**
 * Tests that compare timings (the regression gate, the CPU shares of threads, sweep exponents,
 * minTime) run alone, after the rest, so no other test's load skews them.
 */
const SEQUENTIAL = '**/*.sequential.test.ts';

export default defineConfig({
  // The agent's .cts files (protocol constants) are imported by src/ code under test: compile them too.
  oxc: { include: /\.(m?ts|cts|[jt]sx)$/ },
  test: {
    // Integration tests spawn real profiled workloads; two cores are shared with them.
    testTimeout: 60_000,
    hookTimeout: 60_000,
    projects: [
      {
        extends: true,
        test: {
          name: 'parallel',
          include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
          exclude: [SEQUENTIAL],
          maxWorkers: 2,
          sequence: { groupOrder: 0 },
        },
      },
      {
        extends: true,
        test: {
          name: 'sequential',
          include: [`test/${SEQUENTIAL}`, `src/${SEQUENTIAL}`],
          fileParallelism: false,
          testTimeout: 300_000,
          sequence: { groupOrder: 1 },
        },
      },
    ],
  },
});
