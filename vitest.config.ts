import { defineConfig } from 'vitest/config';

/** Contract suites run against the reference gateway: the slowest files, in a project of their own. */
const CONTRACT_FILES = ['test/integration/contracts-*.int.test.ts'];
/** Files that start a real server on port 0 (and the fidelity cases, which do too). */
const INTEGRATION_FILES = ['**/*.int.test.ts', 'test/fidelity/**/*.test.ts'];
/** Files that run the built CLI from dist/ (npm test builds first). */
const E2E_FILES = ['test/e2e/**/*.test.ts'];
const ALWAYS_EXCLUDED = ['node_modules/**', 'dist/**'];

/**
 * Four projects, each runnable alone (`vitest run --project unit`, or `npm run test:unit`).
 * Integration and contract tests mostly wait on sockets and timers rather than on the CPU, so more
 * files run at once than there are cores.
 */
export const config = defineConfig({
  test: {
    testTimeout: 20_000,
    hookTimeout: 20_000,
    pool: 'forks',
    // Most files wait on sockets and timers, not the CPU: four at once keep two cores busy.
    maxWorkers: 4,
    // Files in one worker share loaded modules instead of loading them afresh: loading was a third
    // of the suite's CPU. Safe here because no test mocks a module, fakes timers or changes the
    // environment; each test builds its own simulators, servers and stores.
    isolate: false,
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['**/*.test.ts'],
          exclude: [...ALWAYS_EXCLUDED, ...INTEGRATION_FILES, ...E2E_FILES],
        },
      },
      {
        extends: true,
        test: {
          name: 'integration',
          include: INTEGRATION_FILES,
          exclude: [...ALWAYS_EXCLUDED, ...CONTRACT_FILES, ...E2E_FILES],
        },
      },
      {
        extends: true,
        test: {
          name: 'contracts',
          include: CONTRACT_FILES,
          exclude: ALWAYS_EXCLUDED,
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          include: E2E_FILES,
          exclude: ALWAYS_EXCLUDED,
        },
      },
    ],
  },
});

// vitest looks for the default export of its config file.
// eslint-disable-next-line no-restricted-syntax
export default config;
