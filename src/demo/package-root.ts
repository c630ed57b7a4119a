// Finds driftwatch's own install folder (for its bundled example contracts), from src/ or from dist/.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export function packageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest) && (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name === 'driftwatch') return dir;
    const parent = dirname(dir);
    if (parent === dir) throw new Error('cannot find the driftwatch package folder');
    dir = parent;
  }
}
