// driftwatch's version, read once from its own package.json (never a second copy to forget).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from '../demo/package-root.js';

let cached: string | undefined;

export function packageVersion(): string {
  cached ??= (JSON.parse(readFileSync(join(packageRoot(), 'package.json'), 'utf8')) as { version: string }).version;
  return cached;
}
