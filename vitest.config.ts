import { defineConfig } from 'vitest/config';

// One `npm test` runs every tier. The folder is the tier; the suffix is a second guard.
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // One DynamoDB Local (AWS's jar, Java 17) for every *.int.test.ts file; skipped loudly where Java is absent.
    globalSetup: ['test/support/dynamodb-local.global.ts'],
  },
});
