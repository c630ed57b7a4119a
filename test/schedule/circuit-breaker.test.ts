// The circuit breaker: opens after N operationally failed runs, skips until the cool-down, then one probe decides.
import { describe, expect, it } from 'vitest';
import type { FailureKind, SampleOutcome } from '../../src/core/model.js';
import { createCircuitBreaker, isOperationalFailure } from '../../src/schedule/circuit-breaker.js';

const at = (seconds: number): Date => new Date(Date.UTC(2026, 10, 23, 3, 0, seconds));

function fail(kind: FailureKind, endpoint = 'e1'): SampleOutcome {
  return { ok: false, failure: { connector: 'c', endpoint, kind, message: kind, latencyMs: 1, attempts: 1, takenAt: at(0).toISOString() } };
}

function ok(endpoint = 'e1'): SampleOutcome {
  return {
    ok: true,
    sample: {
      connector: 'c', endpoint, method: 'GET', url: 'http://x/', status: 200, contentType: 'application/json', headers: {},
      latencyMs: 1, sizeBytes: 2, bodyHash: 'h', body: {}, takenAt: at(0).toISOString(), attempts: 1,
    },
  };
}

describe('isOperationalFailure', () => {
  const table: Array<{ given: SampleOutcome[]; want: boolean; why: string }> = [
    { given: [fail('connection')], want: true, why: 'refused' },
    { given: [fail('timeout'), fail('http-status', 'e2')], want: true, why: 'all endpoints down' },
    { given: [fail('timeout'), ok('e2')], want: false, why: 'one endpoint answered' },
    { given: [fail('auth-rejected')], want: false, why: 'the vendor answered: an auth finding, not an outage' },
    { given: [fail('invalid-json')], want: false, why: 'the vendor answered garbage: a drift-ish finding' },
    { given: [fail('too-large')], want: false, why: 'the vendor answered too much' },
    { given: [fail('tls')], want: true, why: 'cannot talk to it at all' },
    { given: [], want: false, why: 'no requests made' },
    { given: [fail('circuit-open')], want: false, why: 'a skipped run says nothing' },
  ];
  it.each(table)('$why', ({ given, want }) => {
    expect(isOperationalFailure(given)).toBe(want);
  });
});

describe('createCircuitBreaker', () => {
  it('opens after the threshold, skips with a reason during the cool-down, then lets exactly one probe through', () => {
    const breaker = createCircuitBreaker({ threshold: 3, coolDownMs: 60_000 });
    expect(breaker.gate('c', at(0))).toEqual({ skip: false, probe: false });
    expect(breaker.record('c', [fail('connection')], at(1))).toBeNull();
    expect(breaker.record('c', [fail('timeout')], at(2))).toBeNull();
    expect(breaker.state('c').state).toBe('closed');
    expect(breaker.record('c', [fail('http-status')], at(3))).toBe('opened');
    expect(breaker.state('c')).toMatchObject({ state: 'open', consecutiveFailures: 3, probeAfter: new Date(at(3).getTime() + 60_000).toISOString() });

    const skipped = breaker.gate('c', at(30));
    expect(skipped.skip).toBe(true);
    if (skipped.skip) expect(skipped.reason).toMatch(/circuit open after 3 failed runs/);

    const probe = breaker.gate('c', at(64));
    expect(probe).toEqual({ skip: false, probe: true });
    // While the probe runs, nobody else gets through.
    expect(breaker.gate('c', at(64)).skip).toBe(true);
    expect(breaker.record('c', [ok()], at(65))).toBe('closed');
    expect(breaker.state('c')).toMatchObject({ state: 'closed', consecutiveFailures: 0, openedAt: null });
    expect(breaker.gate('c', at(66))).toEqual({ skip: false, probe: false });
  });

  it('a failed probe reopens the circuit for another cool-down', () => {
    const breaker = createCircuitBreaker({ threshold: 1, coolDownMs: 10_000 });
    expect(breaker.record('c', [fail('connection')], at(0))).toBe('opened');
    expect(breaker.gate('c', at(11))).toEqual({ skip: false, probe: true });
    expect(breaker.record('c', [fail('connection')], at(12))).toBe('reopened');
    expect(breaker.gate('c', at(13)).skip).toBe(true);
    expect(breaker.gate('c', at(22))).toEqual({ skip: false, probe: true });
  });

  it('a success in between resets the count; skipped runs and non-operational failures do not count', () => {
    const breaker = createCircuitBreaker({ threshold: 2, coolDownMs: 1_000 });
    breaker.record('c', [fail('connection')], at(0));
    breaker.record('c', [ok()], at(1));
    breaker.record('c', [fail('connection')], at(2));
    breaker.record('c', [fail('circuit-open')], at(3));
    breaker.record('c', [fail('auth-rejected')], at(4));
    expect(breaker.state('c').state).toBe('closed');
    breaker.record('c', [fail('connection')], at(5));
    expect(breaker.record('c', [fail('connection')], at(6))).toBe('opened');
  });

  it('keeps connectors apart, and a crashed probe goes back to open instead of hanging half-open', () => {
    const breaker = createCircuitBreaker({ threshold: 1, coolDownMs: 1_000 });
    breaker.record('a', [fail('connection')], at(0));
    expect(breaker.gate('b', at(0))).toEqual({ skip: false, probe: false });
    expect(breaker.gate('a', at(2))).toEqual({ skip: false, probe: true });
    breaker.abandonProbe('a', at(2));
    expect(breaker.state('a').state).toBe('open');
    expect(breaker.gate('a', at(2)).skip).toBe(true);
    expect(breaker.gate('a', at(4))).toEqual({ skip: false, probe: true });
    breaker.forget('a');
    expect(breaker.state('a').state).toBe('closed');
  });

  it('a probe that never reports back is abandoned after the probe timeout and a new probe is allowed', () => {
    // Injected clock: the probe run is lost (its connector file broke, another instance ran it): neither record nor abandonProbe comes.
    const breaker = createCircuitBreaker({ threshold: 1, coolDownMs: 10_000 });
    breaker.record('c', [fail('connection')], at(0));
    expect(breaker.gate('c', at(10))).toEqual({ skip: false, probe: true });
    expect(breaker.gate('c', at(15)).skip).toBe(true);
    expect(breaker.state('c').state).toBe('half-open');
    // The default probe timeout is the cool-down.
    expect(breaker.gate('c', at(20))).toEqual({ skip: false, probe: true });
    // The new probe has its own window, and it decides as usual.
    expect(breaker.gate('c', at(25)).skip).toBe(true);
    expect(breaker.record('c', [ok()], at(26))).toBe('closed');

    const quick = createCircuitBreaker({ threshold: 1, coolDownMs: 60_000, probeTimeoutMs: 5_000 });
    quick.record('c', [fail('connection')], at(0));
    expect(quick.gate('c', at(60))).toEqual({ skip: false, probe: true });
    expect(quick.gate('c', at(64)).skip).toBe(true);
    expect(quick.gate('c', at(65))).toEqual({ skip: false, probe: true });
  });
});
