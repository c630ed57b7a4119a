// Renderers take a model: nothing under src/report imports a use case (src/app) or the CLI (src/cli), so the arrows
// run CLI -> app -> report model and never back. Fails naming the file and the import.
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

function tsFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    return e.isDirectory() ? tsFiles(path) : e.name.endsWith('.ts') ? [path] : [];
  });
}

/** `file -> target` for every relative import (static, dynamic or type-only) of `file` that lands in a forbidden folder. */
function wrongWayImports(file: string, source: string, forbidden: readonly string[]): string[] {
  const found: string[] = [];
  for (const m of source.matchAll(/(?:\bfrom\s*|\bimport\s*\(?\s*)['"](\.{1,2}\/[^'"]+)['"]/g)) {
    const target = relative(root, resolve(dirname(file), m[1]!));
    if (forbidden.some((f) => target === f || target.startsWith(`${f}/`))) found.push(`${relative(root, file)} -> ${target}`);
  }
  return found;
}

describe('src/report boundaries', () => {
  it('no renderer imports src/app or src/cli', () => {
    const files = tsFiles(join(root, 'src', 'report'));
    expect(files.length).toBeGreaterThan(20);
    const found = files.flatMap((f) => wrongWayImports(f, readFileSync(f, 'utf8'), ['src/app', 'src/cli']));
    expect(found).toEqual([]);
  });

  it('catches each way of importing', () => {
    const file = join(root, 'src', 'report', 'scan', 'x.ts');
    for (const line of ["import type { ScanResult } from '../../app/scan.js';", "const m = await import('../../cli/io.js');", "export { x } from '../../app/map.js';"]) {
      expect(wrongWayImports(file, line, ['src/app', 'src/cli']), line).not.toEqual([]);
    }
    expect(wrongWayImports(file, "import { x } from '../model/scan.js';", ['src/app', 'src/cli'])).toEqual([]);
  });
});
