import { describe, expect, it } from 'vitest';
import { classify } from '../../../src/core/classify.js';
import type { Delta } from '../../../src/core/model.js';
import rule from '../../../src/core/rules/pact-expectation-violated.js';
import { parseVerifierReport } from '../../../src/pact/run-verifier.js';

/** The verifier's JSON report, in the shape the Pact core writes it (recorded from a real run). */
function report(mismatches: unknown[]): string {
  return JSON.stringify({
    result: mismatches.length === 0,
    interactionResults: [{ description: 'a page of invoices', result: mismatches.length === 0 ? 'Ok' : 'Error' }],
    errors:
      mismatches.length === 0
        ? []
        : [{ interaction: 'Verifying a pact between erp-sync and billing Given invoices exist - a page of invoices', mismatch: { type: 'mismatches', mismatches } }],
  });
}

const rows: Array<{ name: string; mismatches: unknown[]; want: string[] }> = [
  { name: 'silent when the verifier passed', mismatches: [], want: [] },
  {
    name: 'a renamed field becomes one finding at the field path',
    mismatches: [{ type: 'BodyMismatch', path: '$.data[0]', expected: '["amount_due","id"]', actual: '["amount","id"]', mismatch: 'Actual map is missing the following keys: amount_due' }],
    want: ['$.data[*].amount_due'],
  },
  {
    name: 'a type mismatch keeps its path, expected and actual',
    mismatches: [{ type: 'BodyMismatch', path: '$.has_more', expected: 'false', actual: '"no"', mismatch: "Expected 'no' (String) to be the same type as false (Boolean)" }],
    want: ['$.has_more'],
  },
  { name: 'a status mismatch is at `status`', mismatches: [{ type: 'StatusMismatch', expected: 200, actual: 404, mismatch: 'expected 200 but was 404' }], want: ['status'] },
];

describe('pact-expectation-violated', () => {
  it('defaults to breaking', () => expect(rule.severity).toBe('breaking'));
  it.each(rows.map((r) => [r.name, r] as const))('%s', (_name, row) => {
    const run = parseVerifierReport({ ok: row.mismatches.length === 0, json: report(row.mismatches) }, ['a page of invoices']);
    expect(run.ran).toBe(true);
    const verdict = run.interactions[0]!;
    expect(verdict.passed).toBe(row.want.length === 0);
    const deltas: Delta[] = verdict.mismatches.map((m) => ({
      kind: 'pact-expectation-violated',
      location: 'contract',
      path: m.path,
      where: verdict.description,
      mismatch: m.message,
    }));
    const changes = classify(
      deltas.map((delta) => ({ source: 'pact' as const, endpoint: 'list-invoices', delta })),
      { connector: 'billing', rules: [rule] },
    );
    expect(changes.map((c) => c.path)).toEqual(row.want);
    for (const change of changes) expect(change.message).toMatch(/^"a page of invoices": /);
  });

  it('listens to pact-expectation-violated deltas only', () => {
    expect(rule.on).toBe('pact-expectation-violated');
  });
});
