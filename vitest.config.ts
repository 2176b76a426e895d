import { defineConfig } from 'vitest/config';

/** Tests run from sources; e2e tests run the built CLI in dist/ (npm test builds first). */
export const config = defineConfig({
  test: {
    include: ['**/*.test.ts'],
    exclude: ['node_modules/**', 'dist/**'],
    testTimeout: 20_000,
    hookTimeout: 20_000,
    pool: 'forks',
  },
});

// vitest looks for the default export of its config file.
// eslint-disable-next-line no-restricted-syntax
export default config;
