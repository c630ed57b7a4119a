import { defineConfig } from 'vitest/config';

// Tests run from TypeScript sources; CLI tests spawn the built binary (npm test builds first).
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    exclude: ['**/node_modules/**', 'dist/**', 'test/bench/**'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    env: { PACT_DO_NOT_TRACK: 'true', NO_COLOR: '1' },
  },
});
