import { defineConfig } from 'vitest/config';

// Tests run from TypeScript sources; a few CLI tests spawn the built binary (npm test builds first).
export default defineConfig({
  // Node resolves `graphql` to its CommonJS build (no `exports` map; `main` wins), and so does every dependency Node
  // loads itself (@graphql-inspector/core). Vite would pick the `module` build for our sources: two copies of graphql,
  // whose schemas reject each other. Resolve it as Node does.
  resolve: { alias: [{ find: /^graphql$/, replacement: 'graphql/index.js' }] },
  test: {
    exclude: ['**/node_modules/**', 'dist/**', 'test/bench/**'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    env: { PACT_DO_NOT_TRACK: 'true', NO_COLOR: '1' },
    // `contracts` (the consumer pact tests) writes contracts/pacts; npm test runs it before `unit`, which reads them.
    projects: [
      {
        extends: true,
        // A throwaway PostgreSQL for the store tests, unless DRIFTWATCH_TEST_PG names a server (CONTRIBUTING.md).
        test: { name: 'unit', include: ['test/**/*.test.ts'], globalSetup: ['test/setup/postgres.ts'] },
      },
      { extends: true, test: { name: 'contracts', include: ['contracts/**/*.pact.test.ts'] } },
    ],
  },
});
