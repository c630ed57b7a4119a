// Runs one rule through the real pipeline (inferShape -> diffSnapshot -> classify) for the per-rule table tests.
import { expect, it } from 'vitest';
import { snapshotShape } from '../../src/core/baseline.js';
import { classify } from '../../src/core/classify.js';
import { diffSnapshot } from '../../src/core/diff.js';
import { inferShape } from '../../src/core/infer.js';
import type { Finding, JsonValue, Severity, Snapshot } from '../../src/core/model.js';
import type { AnyRule } from '../../src/core/rule.js';

export interface Given {
  /** Bodies the snapshot was accepted from (inferred and trimmed as accept writes a snapshot). */
  before: JsonValue[];
  /** This run's bodies (inferred as the scan does: all values). */
  after: JsonValue[];
  statusBefore?: number;
  statusAfter?: number;
  contentTypeBefore?: string | null;
  contentTypeAfter?: string | null;
}

export interface Want {
  name: string;
  given: Given;
  /** Paths the rule fires on, in order; empty when it must stay silent. */
  paths: string[];
  severity?: Severity;
}

export function changesFor(rule: AnyRule, given: Given): Finding[] {
  const snapshot: Snapshot = {
    connector: 'billing',
    endpoint: 'list-invoices',
    request: { method: 'GET', path: '/v1/invoices' },
    response: { status: given.statusBefore ?? 200, contentType: given.contentTypeBefore === undefined ? 'application/json' : given.contentTypeBefore },
    samples: given.before.length,
    acceptedAt: '2026-11-01T00:00:00Z',
    schema: snapshotShape(inferShape(given.before, { values: 'all' })),
  };
  const deltas = diffSnapshot(snapshot, {
    status: given.statusAfter ?? 200,
    contentType: given.contentTypeAfter === undefined ? 'application/json' : given.contentTypeAfter,
    schema: inferShape(given.after, { values: 'all' }),
    samples: given.after.length,
  });
  return classify(
    deltas.map((delta) => ({ source: 'snapshot' as const, endpoint: 'list-invoices', delta })),
    { connector: 'billing', rules: [rule] },
  );
}

/** One `it` per row: the rule fires exactly on `paths`, with the rule id, severity and a message naming the path. */
export function ruleTable(rule: AnyRule, rows: readonly Want[]): void {
  it.each(rows.map((row) => [row.name, row] as const))('%s', (_name, row) => {
    const changes = changesFor(rule, row.given);
    expect(changes.map((c) => c.path)).toEqual(row.paths);
    for (const change of changes) {
      expect(change.rule).toBe(rule.id);
      expect(change.severity).toBe(row.severity ?? rule.severity);
      expect(change.connector).toBe('billing');
      expect(change.endpoint).toBe('list-invoices');
      expect(change.fingerprint).toMatch(/^[0-9a-f]{12}$/);
      expect(change.message.length).toBeGreaterThan(0);
    }
  });
}

/** `n` copies of a body built from its index. */
export function times(n: number, body: (i: number) => JsonValue): JsonValue[] {
  return Array.from({ length: n }, (_, i) => body(i));
}
