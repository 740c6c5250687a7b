import { defineConfig } from 'vitest/config';

// The widget's build is filled in by src/widget's owner; vitest runs core, server and end-to-end tests.
export default defineConfig({
  test: {
    include: ['test/core/**/*.test.ts', 'test/server/**/*.test.ts', 'test/e2e/**/*.test.ts'],
    pool: 'forks',
    testTimeout: 20_000,
    hookTimeout: 60_000,
  },
});
