// Per-connector circuit breaker: after N failed runs in a row a connector is skipped until a cool-down passes, then one probe run decides.
import type { FailureKind, SampleOutcome } from '../core/model.js';

export type CircuitState = 'closed' | 'open' | 'half-open';

export interface CircuitBreakerOptions {
  /** Consecutive operationally failed runs that open the circuit. Default 3. */
  threshold?: number;
  /** How long an open circuit skips the connector before one probe run is allowed. Default 10 minutes. */
  coolDownMs?: number;
  /**
   * How long a probe run may go without reporting back (record or abandonProbe) before it is taken as lost
   * (the run died, its connector file broke, another instance ran it) and a new probe is allowed. Default: the cool-down.
   */
  probeTimeoutMs?: number;
}

export type GateDecision = { skip: false; probe: boolean } | { skip: true; reason: string };

export interface CircuitSnapshot {
  connector: string;
  state: CircuitState;
  consecutiveFailures: number;
  /** ISO time the circuit opened (null when closed). */
  openedAt: string | null;
  /** ISO time from which a probe is allowed (null when closed). */
  probeAfter: string | null;
}

/** What a run's outcome did to a connector's circuit: the daemon logs and counts every transition. */
export type CircuitTransition = 'opened' | 'reopened' | 'closed' | null;

export interface CircuitBreaker {
  /**
   * Whether the connector may run now; an open circuit past its cool-down lets exactly one probe through, and a
   * probe that has not reported back within the probe timeout is abandoned so a new one may go.
   */
  gate(connector: string, now: Date): GateDecision;
  /** Feeds one run's outcomes back; returns the transition it caused, if any. */
  record(connector: string, outcomes: readonly SampleOutcome[], now: Date): CircuitTransition;
  /** A probe run that crashed (a bug, the store down) decided nothing: back to open for another cool-down. */
  abandonProbe(connector: string, now: Date): void;
  state(connector: string): CircuitSnapshot;
  states(): CircuitSnapshot[];
  /** Forgets a connector (removed from contracts/). */
  forget(connector: string): void;
}

/**
 * Failures that say the vendor could not serve us at all (an empty, `null` or error-envelope 200 is an outage in
 * disguise). Auth, bad JSON or a wrong content type are the vendor answering (drift or a credential problem to
 * report), not an outage: they never open the circuit.
 */
const OPERATIONAL: ReadonlySet<FailureKind> = new Set(['timeout', 'connection', 'tls', 'http-status', 'redirect', 'vendor-error']);

/** A run failed operationally when it made requests and every one of them failed for an operational reason. */
export function isOperationalFailure(outcomes: readonly SampleOutcome[]): boolean {
  const attempted = outcomes.filter((o) => o.ok || o.failure.kind !== 'circuit-open');
  return attempted.length > 0 && attempted.every((o) => !o.ok && OPERATIONAL.has(o.failure.kind));
}

interface Circuit {
  state: CircuitState;
  failures: number;
  openedAt: number | null;
  probeAfter: number | null;
  /** When the current probe was let through (half-open only). */
  probeStartedAt: number | null;
}

export function createCircuitBreaker(options: CircuitBreakerOptions = {}): CircuitBreaker {
  const threshold = Math.max(1, options.threshold ?? 3);
  const coolDownMs = Math.max(0, options.coolDownMs ?? 600_000);
  const probeTimeoutMs = Math.max(0, options.probeTimeoutMs ?? coolDownMs);
  const circuits = new Map<string, Circuit>();

  const get = (name: string): Circuit => {
    let circuit = circuits.get(name);
    if (!circuit) {
      circuit = { state: 'closed', failures: 0, openedAt: null, probeAfter: null, probeStartedAt: null };
      circuits.set(name, circuit);
    }
    return circuit;
  };
  const snapshot = (name: string, c: Circuit): CircuitSnapshot => ({
    connector: name,
    state: c.state,
    consecutiveFailures: c.failures,
    openedAt: c.openedAt === null ? null : new Date(c.openedAt).toISOString(),
    probeAfter: c.probeAfter === null ? null : new Date(c.probeAfter).toISOString(),
  });

  return {
    gate(name, now) {
      const c = get(name);
      if (c.state === 'closed') return { skip: false, probe: false };
      if (c.state === 'half-open') {
        if (c.probeStartedAt === null || now.getTime() >= c.probeStartedAt + probeTimeoutMs) {
          // The last probe never reported back: it is lost, so it decided nothing. Let a new one through.
          c.probeStartedAt = now.getTime();
          return { skip: false, probe: true };
        }
        return { skip: true, reason: `circuit open: a probe run is in progress after ${c.failures} failed runs in a row` };
      }
      if (c.probeAfter !== null && now.getTime() >= c.probeAfter) {
        c.state = 'half-open';
        c.probeStartedAt = now.getTime();
        return { skip: false, probe: true };
      }
      const until = c.probeAfter === null ? 'later' : new Date(c.probeAfter).toISOString();
      return {
        skip: true,
        reason: `circuit open after ${c.failures} failed runs in a row: not sampled until a probe at ${until}`,
      };
    },

    record(name, outcomes, now) {
      const c = get(name);
      // A skipped run (every outcome circuit-open) tells nothing about the vendor.
      if (outcomes.length > 0 && outcomes.every((o) => !o.ok && o.failure.kind === 'circuit-open')) return null;
      if (!isOperationalFailure(outcomes)) {
        const was = c.state;
        c.state = 'closed';
        c.failures = 0;
        c.openedAt = null;
        c.probeAfter = null;
        c.probeStartedAt = null;
        return was === 'closed' ? null : 'closed';
      }
      c.failures++;
      if (c.state === 'half-open') {
        c.state = 'open';
        c.openedAt = now.getTime();
        c.probeAfter = now.getTime() + coolDownMs;
        c.probeStartedAt = null;
        return 'reopened';
      }
      if (c.state === 'closed' && c.failures >= threshold) {
        c.state = 'open';
        c.openedAt = now.getTime();
        c.probeAfter = now.getTime() + coolDownMs;
        return 'opened';
      }
      return null;
    },

    abandonProbe(name, now) {
      const c = get(name);
      if (c.state !== 'half-open') return;
      c.state = 'open';
      c.probeAfter = now.getTime() + coolDownMs;
      c.probeStartedAt = null;
    },

    state(name) {
      return snapshot(name, get(name));
    },
    states() {
      return [...circuits.entries()].map(([name, c]) => snapshot(name, c));
    },
    forget(name) {
      circuits.delete(name);
    },
  };
}
