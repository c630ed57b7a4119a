// endpoint-outage: real outcomes through the outage producer (src/core/outage.ts) and classify.
import { describe, expect, it } from 'vitest';
import rule from '../../../src/core/rules/endpoint-outage.js';
import { classify } from '../../../src/core/classify.js';
import type { FailureKind, SampleOutcome } from '../../../src/core/model.js';
import { downStreak, endpointVerdicts, outageDeltas, type RunVerdict } from '../../../src/core/outage.js';

const at = '2026-11-23T09:00:00Z';
const fail = (kind: FailureKind, status?: number): SampleOutcome => ({
  ok: false,
  failure: { connector: 'billing', endpoint: 'list-invoices', kind, message: kind, latencyMs: 1, attempts: 1, takenAt: at, ...(status ? { status } : {}) },
});
const ok: SampleOutcome = {
  ok: true,
  sample: { connector: 'billing', endpoint: 'list-invoices', method: 'GET', url: 'http://x', status: 200, contentType: 'application/json', headers: {}, latencyMs: 1, sizeBytes: 2, bodyHash: 'h', body: {}, takenAt: at, attempts: 1 },
};

/** This run's outcomes after `before` (earlier runs' verdicts, newest first), threshold 2. */
function judge(outcomes: SampleOutcome[], before: RunVerdict[] = []): Array<{ path: string; message: string; severity: string }> {
  const current = endpointVerdicts(outcomes);
  const streaks = new Map([...current].map(([endpoint, v]) => [endpoint, downStreak([v.verdict, ...before])]));
  const observations = outageDeltas(current, streaks, 2).map(({ endpoint, delta }) => ({ source: 'availability' as const, endpoint, delta }));
  return classify(observations, { connector: 'billing', rules: [rule] }).map((f) => ({ path: f.path, message: f.message, severity: f.severity }));
}

describe('endpoint-outage', () => {
  it('defaults to breaking', () => expect(rule.severity).toBe('breaking'));
  it.each([
    { name: 'one failed run is a blip, not an outage', outcomes: [fail('connection')], before: [], want: null },
    { name: 'two runs in a row refused: an outage', outcomes: [fail('connection')], before: ['down'] as RunVerdict[], want: /no successful answer for 2 runs in a row \(last: connection\)/ },
    { name: 'runs that asked nothing (an unset env var) neither count nor break the streak', outcomes: [fail('timeout')], before: ['untried', 'down'] as RunVerdict[], want: /2 runs in a row/ },
    { name: 'a run that answered breaks the streak', outcomes: [fail('timeout')], before: ['up', 'down'] as RunVerdict[], want: null },
    { name: 'a 5xx is down', outcomes: [fail('http-status', 503)], before: ['down'] as RunVerdict[], want: /HTTP 503/ },
    { name: 'a 404 is an answer, not an outage', outcomes: [fail('http-status', 404)], before: ['down'] as RunVerdict[], want: null },
    { name: 'one success among failures: up', outcomes: [fail('timeout'), ok], before: ['down'] as RunVerdict[], want: null },
    { name: 'a 401 is an answer (auth-rejected says what it is)', outcomes: [fail('auth-rejected', 401)], before: ['down'] as RunVerdict[], want: null },
    { name: 'an unset credential made no request', outcomes: [fail('auth-missing')], before: ['down'] as RunVerdict[], want: null },
    { name: 'an open circuit is an outage at once', outcomes: [fail('circuit-open')], before: [], want: /circuit open/ },
  ])('$name', ({ outcomes, before, want }) => {
    const found = judge(outcomes, before);
    if (want === null) expect(found).toEqual([]);
    else {
      expect(found).toHaveLength(1);
      expect(found[0]).toMatchObject({ path: 'availability', severity: 'breaking' });
      expect(found[0]!.message).toMatch(want);
    }
  });
});
