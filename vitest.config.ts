import { defineConfig } from 'vitest/config';

// Unit tests sit beside the code they test. shared/, main/ and server/ run under Node;
// renderer components under happy-dom. Timeouts are generous everywhere: CI machines are shared
// and noisy, and speed is measured by the bench (`npm run bench`), never by a test's clock.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'shared',
          environment: 'node',
          testTimeout: 30_000,
          include: ['shared/**/*.test.ts'],
        },
      },
      {
        test: {
          name: 'main',
          environment: 'node',
          testTimeout: 30_000,
          include: ['main/**/*.test.ts'],
        },
      },
      {
        test: {
          name: 'server',
          environment: 'node',
          include: ['server/**/*.test.ts'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
          // Server suites share one PostgreSQL cluster; each uses its own database.
          fileParallelism: true,
        },
      },
      {
        test: {
          name: 'renderer',
          environment: 'happy-dom',
          testTimeout: 30_000,
          include: ['renderer/**/*.test.ts', 'renderer/**/*.test.tsx'],
        },
      },
      {
        test: {
          // Reliability and security (test/reliability/README.md): sync under faults, hostile
          // input, isolation, Electron hardening, replica upgrades. Node; some suites start
          // servers and child processes, so the timeouts are generous.
          name: 'reliability',
          environment: 'node',
          include: ['test/reliability/**/*.test.ts'],
          testTimeout: 900_000,
          hookTimeout: 300_000,
        },
      },
      {
        test: {
          name: 'tooling',
          environment: 'node',
          include: ['test/unit/**/*.test.ts'],
          testTimeout: 60_000,
        },
      },
    ],
  },
});
