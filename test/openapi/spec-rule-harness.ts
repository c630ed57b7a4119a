// Table tests for the spec rules: each rule on hand-made deltas (given/want), and on its before/after spec fixture.
import { existsSync, readFileSync } from 'node:fs';
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

/** The fixtures' "now" (sunset dates are counted from it). */
export const FIXTURE_NOW = new Date('2026-11-23T00:00:00Z');

/**
 * Diffs the rule's fixture pair: `<rule>.before.yaml` against `<rule>.yaml` when the rule has its own "before", else
 * base.yaml against `<rule>.yaml` (base.yaml with the one change the rule is about).
 */
export async function fixtureChanges(ruleId: string): Promise<Finding[]> {
  const before = existsSync(`${FIXTURES}${ruleId}.before.yaml`) ? `${ruleId}.before` : 'base';
  return (await diffSpecs(readFixture(before), readFixture(ruleId), { now: FIXTURE_NOW })).changes;
}

/** The operations a finding speaks for: the ones a component's change reaches, else its own place (`null`: the document). */
export function operationsOf(change: Finding): Array<string | null> {
  return change.reaches ?? [change.endpoint === '*' ? null : change.endpoint];
}

/**
 * The rule's fixture fires the rule (reaching `operations`), and nothing but `alsoFires` fires besides it. A change
 * inside a shared component is one finding whatever the number of operations it reaches.
 */
export function fixtureFires(rule: AnyRule, operations: Array<string | null>, alsoFires: string[] = []): void {
  it(`fires on its fixture (test/fixtures/specs/diff/${rule.id}.yaml)`, async () => {
    const changes = await fixtureChanges(rule.id);
    const mine = changes.filter((c) => c.rule === rule.id);
    expect(mine.flatMap(operationsOf).sort()).toEqual([...operations].sort());
    for (const change of mine) {
      expect(change.severity).toBe(rule.severity);
      expect(change.message.length).toBeGreaterThan(10);
    }
    expect([...new Set(changes.map((c) => c.rule))].sort()).toEqual([rule.id, ...alsoFires].sort());
  });
}
