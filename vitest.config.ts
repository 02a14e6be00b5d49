import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Generous: PGlite and child processes are slow on a loaded 2-core machine; no test asserts a duration.
    testTimeout: 120_000,
    hookTimeout: 120_000,
    // PGlite instances are memory-hungry; forks keep each file's instance isolated.
    pool: 'forks',
  },
});
