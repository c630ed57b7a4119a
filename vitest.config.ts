import { defineConfig } from 'vitest/config';

// Tests run from TypeScript sources; CLI tests spawn the built binary (npm test builds first).
export default defineConfig({
  test: {
    exclude: ['**/node_modules/**', 'dist/**', 'test/bench/**'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    env: { PACT_DO_NOT_TRACK: 'true', NO_COLOR: '1' },
    // `contracts` (the consumer pact tests) writes contracts/pacts; npm test runs it before `unit`, which reads them.
    projects: [
      { extends: true, test: { name: 'unit', include: ['test/**/*.test.ts'] } },
      { extends: true, test: { name: 'contracts', include: ['contracts/**/*.pact.test.ts'] } },
    ],
  },
});
