// The layers of docs/architecture.md, held against the code's imports: an import that runs the wrong way fails here,
// naming the file, the line and the layers. The table is read from the page, so the page and the code stay one.
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

interface Layer {
  name: string;
  /** Paths relative to the repository (`src/cli`, `src/index.ts`). */
  places: string[];
  mayImport: Set<string>;
  /** Layers it may import types from only (`store (types)`). */
  typesOnly: Set<string>;
}

/** The `| layer | folders | may import |` table of docs/architecture.md. */
export function readLayers(markdown: string): Layer[] {
  const start = markdown.indexOf('| layer | folders | may import |');
  if (start < 0) throw new Error('docs/architecture.md has no "| layer | folders | may import |" table');
  const rows = markdown.slice(start).split('\n').slice(2);
  const layers: Layer[] = [];
  for (const row of rows) {
    if (!row.startsWith('|')) break;
    const [name, places, may] = row.split('|').slice(1, 4).map((c) => c.trim());
    const mayImport = new Set<string>();
    const typesOnly = new Set<string>();
    for (const part of (may ?? '').split(',').map((p) => p.trim()).filter(Boolean)) {
      const types = /^(\S+) \(types\)$/.exec(part);
      if (types) typesOnly.add(types[1]!);
      else mayImport.add(part);
    }
    layers.push({ name: name!, places: [...(places ?? '').matchAll(/`([^`]+)`/g)].map((m) => m[1]!), mayImport, typesOnly });
  }
  return layers;
}

function layerOf(layers: readonly Layer[], file: string): Layer | undefined {
  const rel = relative(root, file).split('\\').join('/');
  return layers.find((l) => l.places.some((p) => rel === p || rel.startsWith(`${p}/`)));
}

function tsFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    return e.isDirectory() ? tsFiles(path) : e.name.endsWith('.ts') ? [path] : [];
  });
}

/** Every relative import of a file: line, target file, and whether it imports types only. */
function importsOf(file: string): Array<{ line: number; target: string; typeOnly: boolean }> {
  const text = readFileSync(file, 'utf8');
  const out: Array<{ line: number; target: string; typeOnly: boolean }> = [];
  for (const m of text.matchAll(/^\s*(import|export)\s+(type\s+)?[^;]*?from\s+'(\.[^']+)'|\bimport\(\s*'(\.[^']+)'\s*\)/gm)) {
    const spec = m[3] ?? m[4]!;
    const target = resolve(dirname(file), spec.replace(/\.js$/, '.ts'));
    out.push({ line: text.slice(0, m.index).split('\n').length, target, typeOnly: m[2] !== undefined });
  }
  return out;
}

describe('the layers of docs/architecture.md', () => {
  const layers = readLayers(readFileSync(join(root, 'docs', 'architecture.md'), 'utf8'));

  it('name every file under src/', () => {
    const unplaced = tsFiles(join(root, 'src')).filter((f) => layerOf(layers, f) === undefined).map((f) => relative(root, f));
    expect(unplaced).toEqual([]);
  });

  it('hold: no import runs the wrong way', () => {
    const wrong: string[] = [];
    for (const file of tsFiles(join(root, 'src'))) {
      const from = layerOf(layers, file)!;
      for (const imp of importsOf(file)) {
        const to = layerOf(layers, imp.target);
        if (to === undefined || to === from) continue;
        if (from.mayImport.has(to.name) || (imp.typeOnly && from.typesOnly.has(to.name))) continue;
        wrong.push(`${relative(root, file)}:${imp.line} ${from.name} -> ${to.name} (${relative(root, imp.target)})`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('catch a wrong-way import (the checker itself works)', () => {
    const sample = readLayers('| layer | folders | may import |\n|---|---|---|\n| a | `src/a` | b, c (types) |\n| b | `src/b` | |\n');
    expect(sample.map((l) => [l.name, [...l.mayImport], [...l.typesOnly]])).toEqual([
      ['a', ['b'], ['c']],
      ['b', [], []],
    ]);
  });
});
