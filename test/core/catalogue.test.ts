// The catalogue's bookkeeping: every rule file is in the catalogue, named after its id, tested, and in docs/rules.md.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { AnyRule } from '../../src/core/rule.js';
import { catalogue } from '../../src/core/rules/index.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const rulesDir = join(root, 'src', 'core', 'rules');
function tsFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    return e.isDirectory() ? tsFiles(path) : e.name.endsWith('.ts') ? [path] : [];
  });
}

const ruleFiles = readdirSync(rulesDir)
  .filter((f) => f.endsWith('.ts') && f !== 'index.ts')
  .sort();

/** `| \`rule-id\` | severity | ... |` rows of the rule table in docs/rules.md, by id, in the order written. */
function catalogueRows(): Map<string, string> {
  const page = readFileSync(join(root, 'docs', 'rules.md'), 'utf8');
  const rows = new Map<string, string>();
  for (const match of page.matchAll(/^\|\s*`([^`]+)`\s*\|\s*([a-z]+)\s*\|/gm)) rows.set(match[1] as string, match[2] as string);
  return rows;
}

describe('rule catalogue', () => {
  it('has rule files', () => {
    expect(ruleFiles.length).toBeGreaterThanOrEqual(10);
  });

  it('has unique ids and one file per entry', () => {
    const ids = catalogue.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual(ruleFiles.map((f) => f.replace(/\.ts$/, '')));
  });

  it('every kind of delta has a producer in src/ (a kind nobody emits would be a rule that can never fire)', () => {
    const deltas = readFileSync(join(root, 'src', 'core', 'deltas.ts'), 'utf8');
    const kinds = [...deltas.matchAll(/(?:At|SpecDiff)<'([a-z-]+)'/g)].map((m) => m[1] as string);
    expect(kinds.length).toBeGreaterThan(30);
    const sources = tsFiles(join(root, 'src')).filter((f) => !f.includes(`${join('core', 'rules')}`) && !f.endsWith(join('core', 'deltas.ts')));
    const text = sources.map((f) => readFileSync(f, 'utf8')).join('\n');
    const unproduced = kinds.filter((k) => !text.includes(`'${k}'`));
    expect(unproduced).toEqual([]);
  });

  it('every rule listens to a kind in the union, and every kind in the catalogue is read by some rule', () => {
    const deltas = readFileSync(join(root, 'src', 'core', 'deltas.ts'), 'utf8');
    const kinds = new Set([...deltas.matchAll(/(?:At|SpecDiff)<'([a-z-]+)'/g)].map((m) => m[1] as string));
    for (const rule of catalogue) expect(kinds.has(rule.on)).toBe(true);
    expect([...kinds].filter((k) => !catalogue.some((r) => r.on === k))).toEqual([]);
  });

  const rows = catalogueRows();

  it('docs/rules.md lists each rule once, sorted by id, and no rule that does not exist', () => {
    const page = readFileSync(join(root, 'docs', 'rules.md'), 'utf8');
    const ids = [...page.matchAll(/^\|\s*`([^`]+)`\s*\|/gm)].map((m) => m[1] as string);
    expect(ids).toEqual([...new Set(ids)].sort());
    expect(ids).toEqual(ruleFiles.map((f) => f.replace(/\.ts$/, '')));
  });
  describe.each(ruleFiles)('%s', (file) => {
    const id = file.replace(/\.ts$/, '');

    it('default-exports a rule whose id is its file name, and the catalogue holds it', async () => {
      const mod = (await import(pathToFileURL(join(rulesDir, file)).href)) as { default?: AnyRule };
      expect(mod.default?.id).toBe(id);
      expect(catalogue).toContain(mod.default);
    });

    it(`has a test: test/core/rules/${id}.test.ts`, () => {
      expect(existsSync(join(root, 'test', 'core', 'rules', `${id}.test.ts`))).toBe(true);
    });

    it('has a row in the docs/rules.md table with its default severity', () => {
      const rule = catalogue.find((r) => r.id === id);
      expect(rows.get(id)).toBe(rule?.severity);
    });

    it('has a doc comment telling the failure story and a one-line summary', () => {
      const source = readFileSync(join(rulesDir, file), 'utf8');
      expect(source).toMatch(/\/\*\*[\s\S]+?\*\/\s*export default defineRule\(/);
      expect(catalogue.find((r) => r.id === id)?.summary.trim().length).toBeGreaterThan(0);
    });
  });
});
