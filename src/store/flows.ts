// The store's multi-step writes, written once as generators of operations: each backend only runs the operations in
// its dialect's SQL, inside its own transaction (SQLite synchronously, PostgreSQL asynchronously).
import { planDrift, planResolve, resolvableBy, scopePlaces, storyLines, uniqueByFingerprint } from './drift-plan.js';
import { SYSTEM_ACTOR, type DriftEvent, type RecordedFindings, type RecordFindingsInput } from './ports/findings.js';
import type { CompactResult } from './ports/maintenance.js';
import type { OutboxDraft } from './ports/outbox.js';
import { driftRow, eventRow, outboxRow } from './rows.js';
import { dayOf, foldDay, nextDayStart, type SampleFact } from './sample-days.js';
import type { WriteOf } from './schema.js';
import type { DRIFTS, DriftRecord, EVENTS, FindingEventKind, OUTBOX, SampleDay } from './tables.js';

/** What a backend must be able to do, one statement (or a few) each; `lock`: the row stays locked until commit. */
export interface Ops {
  drift: { in: { key: number | string }; out: DriftRecord | null };
  liveDriftsIn: { in: { connector: string; endpoint: string }; out: DriftRecord[] };
  insertDrift: { in: { row: WriteOf<typeof DRIFTS> }; out: DriftRecord };
  updateDrift: { in: { id: number; row: WriteOf<typeof DRIFTS> }; out: DriftRecord };
  /** Status to acknowledged when live, note replaced when given (COALESCE), updated_at set. */
  acknowledge: { in: { id: number; note: string | null; at: string }; out: DriftRecord };
  /** Live, non-contract drifts of a connector (and endpoint) to accepted. */
  acceptLive: { in: { connector: string; endpoint: string | undefined; at: string }; out: Array<{ id: number; fingerprint: string }> };
  appendEvent: { in: { row: WriteOf<typeof EVENTS> }; out: void };
  enqueue: { in: { row: WriteOf<typeof OUTBOX> }; out: boolean };
  /** Marks an undelivered message delivered; what it told of, or null when it was already delivered. */
  markDelivered: { in: { id: number; at: string }; out: { target: string; fingerprints: string[] } | null };
  /** Deletes the samples taken in [start, end) and hands back what the daily row needs of them. */
  takeSamples: { in: { start: string; end: string }; out: SampleFact[] };
  daysOf: { in: { day: string }; out: SampleDay[] };
  saveDay: { in: { row: SampleDay }; out: void };
}

export type Op = { [K in keyof Ops]: { op: K } & Ops[K]['in'] }[keyof Ops];
type Flow<T> = Generator<Op, T, unknown>;

function* call<K extends keyof Ops>(op: K, args: Ops[K]['in']): Generator<Op, Ops[K]['out'], unknown> {
  return (yield { op, ...args } as Op) as Ops[K]['out'];
}

/** Runs a flow with a synchronous executor (inside one SQLite transaction). */
export function runSync<T>(flow: Flow<T>, exec: (op: Op) => unknown): T {
  let step = flow.next();
  while (!step.done) step = flow.next(exec(step.value));
  return step.value;
}

/** Runs a flow with an asynchronous executor (inside one PostgreSQL transaction). */
export async function runAsync<T>(flow: Flow<T>, exec: (op: Op) => Promise<unknown>): Promise<T> {
  let step = flow.next();
  while (!step.done) step = flow.next(await exec(step.value));
  return step.value;
}

/** A run's findings: upserts, resolutions of what was not seen again in scope, story lines, composed messages. */
export function* recordFlow(input: RecordFindingsInput, when: string): Flow<RecordedFindings> {
  const actor = input.actor ?? SYSTEM_ACTOR;
  const events: DriftEvent[] = [];
  const unique = uniqueByFingerprint(input.changes);
  for (const change of unique) {
    const existing = yield* call('drift', { key: change.fingerprint });
    const plan = planDrift(existing, change, input.runId, when);
    const row = driftRow(plan.next, when);
    const saved = existing ? yield* call('updateDrift', { id: existing.id, row }) : yield* call('insertDrift', { row });
    for (const line of storyLines(existing, plan, change)) yield* call('appendEvent', { row: eventRow(saved, line.kind, when, actor, line.note, input.runId) });
    events.push({ kind: plan.event, drift: saved });
  }
  const seen = new Set(unique.map((c) => c.fingerprint));
  for (const place of scopePlaces(input.scope)) {
    for (const live of yield* call('liveDriftsIn', { connector: place.connector, endpoint: place.endpoint })) {
      if (seen.has(live.fingerprint) || !resolvableBy(live, place.sources)) continue;
      const saved = yield* call('updateDrift', { id: live.id, row: driftRow(planResolve(live, when), when) });
      yield* call('appendEvent', { row: eventRow(saved, 'resolved', when, actor, null, input.runId) });
      events.push({ kind: 'resolved', drift: saved });
    }
  }
  const enqueued: OutboxDraft[] = [];
  for (const message of input.compose?.(events) ?? []) if (yield* call('enqueue', { row: outboxRow(message) })) enqueued.push(message);
  return { events, enqueued };
}

/** A person's decision on one drift (acknowledge, note, ignore): its row and its story line change together. */
export function* decideFlow(
  key: number | string,
  note: string | null,
  when: string,
  actor: string,
  kind: (before: DriftRecord) => FindingEventKind | null,
): Flow<DriftRecord | null> {
  const before = yield* call('drift', { key });
  if (!before) return null;
  const saved = yield* call('acknowledge', { id: before.id, note, at: when });
  const line = kind(before);
  if (line) yield* call('appendEvent', { row: eventRow(before, line, when, actor, note, null) });
  return saved;
}

/** What acknowledging means for the story: a live drift is acknowledged; a note on a closed one is `noted`. */
export function acknowledgeLine(note: string | null): (before: DriftRecord) => FindingEventKind | null {
  return (before) => (before.status === 'open' || before.status === 'acknowledged' ? 'acknowledged' : note ? 'noted' : null);
}

export function* acceptFlow(connector: string, endpoint: string | undefined, when: string, actor: string): Flow<number> {
  const accepted = yield* call('acceptLive', { connector, endpoint, at: when });
  for (const d of accepted) yield* call('appendEvent', { row: eventRow(d, 'accepted', when, actor, null, null) });
  return accepted.length;
}

/** Delivered: each finding the message told of gets `notified` (with the target), once. */
export function* deliveredFlow(id: number, when: string): Flow<void> {
  const told = yield* call('markDelivered', { id, at: when });
  for (const fingerprint of told?.fingerprints ?? []) {
    const d = yield* call('drift', { key: fingerprint });
    if (d) yield* call('appendEvent', { row: eventRow(d, 'notified', when, SYSTEM_ACTOR, told!.target, null) });
  }
}

/** One UTC day's samples folded into its daily rows (merged with rows already kept) and deleted; how many. */
export function* foldDayFlow(day: string): Flow<number> {
  const facts = yield* call('takeSamples', { start: `${day}T00:00:00.000Z`, end: nextDayStart(day) });
  const previous = yield* call('daysOf', { day });
  for (const row of foldDay(day, facts, previous)) yield* call('saveDay', { row });
  return facts.length;
}

/** Whole days before `before`'s day, oldest first, one transaction each, until `budget` samples were folded. */
export async function compactLoop(
  before: string,
  budget: number,
  oldestSample: () => Promise<string | null>,
  foldOneDay: (day: string) => Promise<number>,
): Promise<CompactResult> {
  const cutoff = dayOf(before);
  const result: CompactResult = { days: [], samples: 0 };
  while (result.samples < budget) {
    const oldest = await oldestSample();
    if (oldest === null || dayOf(oldest) >= cutoff) break;
    const day = dayOf(oldest);
    result.samples += await foldOneDay(day);
    result.days.push(day);
  }
  return result;
}
