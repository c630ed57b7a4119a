// Escalation: an open breaking finding nobody acknowledged within `escalateAfter` is raised to the next stop of the
// connector's chain, once per stop. Pure: the run's clock is an argument, and the outbox key makes each step once.
import type { DriftRecord } from '../store/tables.js';

const HOUR_MS = 3_600_000;

export interface DueEscalation {
  drift: DriftRecord;
  /** The chain stop it is raised to now (1 = the second stop). */
  step: number;
}

/**
 * The escalations due at `now`: for each open (unacknowledged), counted, breaking finding, the furthest stop its age
 * has reached (age / escalateAfter, at most the chain's last stop). A run that comes late raises it straight to the
 * stop it should be at, not through every stop in one go; the outbox key (fingerprint + step) keeps each stop to one
 * message however many runs see it due.
 */
export function dueEscalations(drifts: readonly DriftRecord[], stops: number, now: Date, escalateAfterHours: number): DueEscalation[] {
  if (stops < 2 || !(escalateAfterHours > 0)) return [];
  const after = escalateAfterHours * HOUR_MS;
  const due: DueEscalation[] = [];
  for (const drift of drifts) {
    if (drift.status !== 'open' || drift.suppressed || drift.severity !== 'breaking') continue;
    const age = now.getTime() - Date.parse(drift.firstSeenAt);
    const step = Math.min(Math.floor(age / after), stops - 1);
    if (step >= 1) due.push({ drift, step });
  }
  return due;
}

/** The outbox key of one escalation step of one finding to one target: the same on every run that finds it due. */
export function escalationKey(target: string, connector: string, fingerprint: string, step: number): string {
  return `${target}:${connector}:escalate:${fingerprint}:${step}`;
}
