// A CommonJS dependency loaded on first use, synchronously: for synchronous code paths (connector validation) that
// rarely need a heavy package, so a process that never needs it never loads it (test/cli/lazy-imports.test.ts).
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/** `lazyModule<typeof import('graphql')>('graphql')()` is the package's CommonJS build, the one Node's own `import` loads. */
export function lazyModule<T>(id: string): () => T {
  let loaded: T | undefined;
  return () => (loaded ??= require(id) as T);
}
