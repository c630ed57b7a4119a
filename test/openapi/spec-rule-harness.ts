// Table tests for the spec rules: each rule on hand-made deltas (given/want), and on its before/after spec fixture.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';
import { parse } from 'yaml';
import { classify } from '../../src/core/classify.js';
import type { Delta, Finding, Severity } from '../../src/core/model.js';
import type { AnyRule } from '../../src/core/rule.js';
import { diffSpecs } from '../../src/openapi/diff-specs.js';

export interface DeltaRow {
  name: string;
  given: Delta;
  /** Whether the rule must fire on it. */
  fires: boolean;
  severity?: Severity;
  /** Text the message must contain. */
  says?: string;
}

export function deltaTable(rule: AnyRule, rows: readonly DeltaRow[]): void {
  it.each(rows.map((row) => [row.name, row] as const))('%s', (_name, row) => {
    const changes = classify([{ source: 'spec-diff', endpoint: 'list-invoices', delta: row.given }], { connector: 'billing', rules: [rule] });
    expect(changes.length).toBe(row.fires ? 1 : 0);
    const [change] = changes;
    if (!change) return;
    expect(change.rule).toBe(rule.id);
    expect(change.severity).toBe(row.severity ?? rule.severity);
    expect(change.path).toBe(row.given.path);
    expect(change.fingerprint).toMatch(/^[0-9a-f]{12}$/);
    if (row.says) expect(change.message).toContain(row.says);
  });
}

const FIXTURES = fileURLToPath(new URL('../fixtures/specs/diff/', import.meta.url));

export function readFixture(name: string): Record<string, unknown> {
  return parse(readFileSync(`${FIXTURES}${name}.yaml`, 'utf8')) as Record<string, unknown>;
}

/** Diffs base.yaml against `<rule>.yaml` (the fixture with the one change the rule is about). */
export async function fixtureChanges(ruleId: string): Promise<Finding[]> {
  return (await diffSpecs(readFixture('base'), readFixture(ruleId))).changes;
}

/** The rule's fixture fires the rule (on `operations`), and nothing but `alsoFires` fires besides it. */
export function fixtureFires(rule: AnyRule, operations: Array<string | null>, alsoFires: string[] = []): void {
  it(`fires on its fixture (test/fixtures/specs/diff/${rule.id}.yaml)`, async () => {
    const changes = await fixtureChanges(rule.id);
    const mine = changes.filter((c) => c.rule === rule.id);
    expect(mine.map((c) => (c.endpoint === '*' ? null : c.endpoint)).sort()).toEqual([...operations].sort());
    for (const change of mine) {
      expect(change.severity).toBe(rule.severity);
      expect(change.message.length).toBeGreaterThan(10);
    }
    expect([...new Set(changes.map((c) => c.rule))].sort()).toEqual([rule.id, ...alsoFires].sort());
  });
}
