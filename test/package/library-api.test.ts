// Every function the docs present as library API (`Library: \`name(...)\``, and every name in a paragraph opening with
// "Library:", in README.md and docs/) is exported from the package's one entry point, src/index.ts (package.json `exports`).
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';
import * as library from '../../src/index.js';

const REPO = fileURLToPath(new URL('../../', import.meta.url));

async function docs(): Promise<Array<{ file: string; text: string }>> {
  const files = ['README.md'];
  const dir = join(REPO, 'docs');
  const entries = await readdir(dir).catch(() => [] as string[]);
  files.push(...entries.filter((f) => f.endsWith('.md')).map((f) => join('docs', f)));
  return Promise.all(files.map(async (file) => ({ file, text: await readFile(join(REPO, file), 'utf8') })));
}

it('exports every function the docs call library API', async () => {
  const named: string[] = [];
  for (const { file, text } of await docs()) {
    for (const match of text.matchAll(/\blibrary:\s*`([A-Za-z]\w*)\(/gi)) named.push(`${file}: ${match[1]}`);
  }
  // A paragraph that opens with "Library:" (the README's) names the package's API: every name in backticks there too.
  for (const { file, text } of await docs()) {
    for (const paragraph of text.split(/\n\s*\n/)) {
      if (!/^library:/i.test(paragraph.trim())) continue;
      for (const match of paragraph.matchAll(/`([A-Za-z]\w*)(?:\([^`]*\))?`/g)) named.push(`${file}: ${match[1]}`);
    }
  }
  // The docs name at least these today; an empty list would mean the patterns no longer find anything.
  expect(named.map((n) => n.split(': ')[1])).toEqual(expect.arrayContaining(['acceptSpec', 'diffSpecs', 'scan', 'notifyRun', 'openStore']));
  const missing = named.filter((n) => typeof (library as Record<string, unknown>)[n.split(': ')[1]!] !== 'function');
  expect(missing).toEqual([]);
});
