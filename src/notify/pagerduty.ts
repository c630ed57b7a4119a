// PagerDuty Events API v2: which findings page, and the event each becomes. Pure; the routing key is added at delivery
// (src/notify/deliver.ts) from the env var the target names, so it never sits in the outbox.
import type { DriftEvent } from '../store/ports/findings.js';
import type { DriftNotification } from './build-message.js';
import { OUTAGE_RULE } from './next-action.js';

/** The endpoint events go to; `DRIFTWATCH_PAGERDUTY_URL` replaces it (a proxy, a local stand-in in tests). */
export const PAGERDUTY_EVENTS_URL = 'https://events.pagerduty.com/v2/enqueue';

/** A PagerDuty Events v2 body without its routing key. */
export interface PagerDutyEvent {
  event_action: 'trigger' | 'resolve';
  /** The finding's fingerprint: the same incident however often it is seen, and what `resolve` closes. */
  dedup_key: string;
  payload?: {
    summary: string;
    source: string;
    severity: 'critical' | 'error' | 'warning' | 'info';
    component: string;
    group: string;
    class: string;
    custom_details: Record<string, unknown>;
  };
}

/** Only breaking findings and outages page (an outage is breaking by default); a resolve closes what paged. */
export function pages(event: DriftEvent): boolean {
  return event.drift.severity === 'breaking' || event.drift.rule === OUTAGE_RULE;
}

/** PagerDuty caps `summary` at 1024 characters. */
const MAX_SUMMARY = 1024;

export function pagerDutyEvent(event: DriftEvent, n: DriftNotification): PagerDutyEvent {
  const d = event.drift;
  if (event.kind === 'resolved') return { event_action: 'resolve', dedup_key: d.fingerprint };
  const who = n.vendor ? `${n.connector} (${n.vendor})` : n.connector;
  const summary = `${d.rule === OUTAGE_RULE ? 'Outage' : 'Breaking drift'} on ${who} ${d.endpoint}: ${d.message}`;
  const change = n.changes.find((c) => c.fingerprint === d.fingerprint);
  return {
    event_action: 'trigger',
    dedup_key: d.fingerprint,
    payload: {
      summary: summary.length > MAX_SUMMARY ? `${summary.slice(0, MAX_SUMMARY - 1)}…` : summary,
      source: n.connector,
      severity: d.rule === OUTAGE_RULE ? 'critical' : 'error',
      component: d.endpoint,
      group: n.connector,
      class: d.rule,
      custom_details: {
        fingerprint: d.fingerprint,
        path: d.path,
        firstSeenAt: d.firstSeenAt,
        businessProcess: n.businessProcess,
        owner: n.to?.name ?? n.owner.name,
        runbook: n.runbook,
        nextAction: change?.nextAction ?? null,
        history: `driftwatch history ${d.fingerprint}`,
      },
    },
  };
}
