import { defineConfig } from 'vitest/config';

// One `npm test` runs every tier. The folder is the tier; the suffix is a second guard.
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    reporters: process.env.CI ? ['default'] : ['default'],
  },
});
