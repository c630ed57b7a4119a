// Diff: the learned baseline of an endpoint x what this run saw -> typed deltas carrying their evidence. It says what
// differs and how strongly the evidence speaks; whether that is a change worth reporting is the rules' call.
import type { BecameNullable, Delta, EnumValueAdded, FormatChanged, PresenceEvidence, PropertyAdded, PropertyRemoved } from './deltas.js';
import { childPath, itemsPath } from './jsonpath.js';
import { isJsonMediaType, mediaTypeOf } from './media-type.js';
import { mapValues, windowStopped, type NoveltyKind } from './baseline.js';
import { absenceIsChange } from './policy.js';
import type { JsonType, PendingNovelty, ShapeSchema, Snapshot } from './model.js';

export interface ObservedResponse {
  status: number;
  contentType: string | null;
  /** Inferred from this run's samples with `values: 'all'`, so one new value and every format miss is visible. */
  schema: ShapeSchema;
  samples: number;
}

const is2xx = (status: number): boolean => status >= 200 && status < 300;

/**
 * What differs between the accepted snapshot (its schema merged with the learned evidence) and this run: status,
 * content type (media type only), then the body shapes, compared only when both are answers of the same kind (equal
 * or both 2xx statuses, same or both JSON media types): a body of an error page against a body of a resource is noise
 * on top of the status change.
 */
export function diffSnapshot(snapshot: Snapshot, observed: ObservedResponse): Delta[] {
  const deltas: Delta[] = [];
  const before = snapshot.response;
  if (before.status !== observed.status) {
    deltas.push({ kind: 'status-changed', location: 'response', path: 'status', before: [before.status], after: observed.status });
  }
  const mediaBefore = mediaTypeOf(before.contentType);
  const mediaAfter = mediaTypeOf(observed.contentType);
  if (mediaBefore !== mediaAfter) {
    deltas.push({
      kind: 'content-type-changed',
      location: 'response',
      path: 'content-type',
      before: before.contentType === null ? [] : [before.contentType],
      after: observed.contentType,
    });
  }
  const comparableStatus = before.status === observed.status || (is2xx(before.status) && is2xx(observed.status));
  const comparableMedia = mediaBefore === mediaAfter || (isJsonMediaType(mediaBefore) && isJsonMediaType(mediaAfter));
  if (comparableStatus && comparableMedia && observed.samples > 0) deltas.push(...diffShapes(snapshot.schema, observed.schema));
  return deltas;
}

function typeList(schema: ShapeSchema): JsonType[] {
  const t = schema.type;
  return t === undefined ? [] : Array.isArray(t) ? t : [t];
}

/** Non-null types, with integer folded into number when number is there (integers are numbers). */
function valueTypes(schema: ShapeSchema): JsonType[] {
  const list = typeList(schema).filter((t) => t !== 'null');
  return list.includes('number') ? list.filter((t) => t !== 'integer') : list;
}

/** Whether every type seen now was already accepted; an integer where numbers were seen is not new. */
function isWithin(after: readonly JsonType[], before: readonly JsonType[]): boolean {
  return after.every((t) => before.includes(t) || (t === 'integer' && before.includes('number')));
}

/** Non-null values seen at a node: objects are counted by x-seen alone, scalars include their nulls there. */
function nonNullValues(node: ShapeSchema): number {
  const seen = node['x-seen'] ?? 0;
  return typeList(node).includes('object') ? seen : seen - (node['x-nulls'] ?? 0);
}

interface Frame {
  before: ShapeSchema;
  after: ShapeSchema;
  path: string;
  isItems: boolean;
}

/**
 * What differs between two shapes of the same position, breadth first over an explicit queue (depth costs no stack).
 * Children of a removed or added property, or of a node that no longer holds objects, are not compared; a node the
 * current samples never reached (an empty array, an object now always null) says nothing about its children.
 */
export function diffShapes(before: ShapeSchema, after: ShapeSchema, path = '$'): Delta[] {
  const out: Delta[] = [];
  const queue: Frame[] = [{ before, after, path, isItems: false }];
  for (let i = 0; i < queue.length; i++) compareNode(queue[i] as Frame, queue, out);
  return out;
}

function compareNode({ before, after, path, isItems }: Frame, queue: Frame[], out: Delta[]): void {
  const typesBefore = valueTypes(before);
  const typesAfter = valueTypes(after);
  const allBefore = typeList(before);
  const allAfter = typeList(after);

  if (typesBefore.length > 0 && typesAfter.length > 0 && !isWithin(typesAfter, typesBefore)) {
    out.push({ kind: isItems ? 'items-type-changed' : 'type-changed', location: 'response', path, before: typesBefore, after: typesAfter });
  }
  // An open window of novelty (nulls, new values, format misses held back by earlier runs) is judged on all its
  // evidence, and stays open through a run that merely happened to miss it: a change stays reported until a run
  // shows it stopped (a reverted release), not at the first small sample without it.
  const pending = before['x-pending'];
  const nullNow = after['x-nulls'] ?? 0;
  if (allBefore.length > 0 && !allBefore.includes('null') && allAfter.length > 0 && stillSeen(nullNow, pending, 'nulls', nonNullValues(after) + nullNow)) {
    const delta: BecameNullable = { kind: 'became-nullable', location: 'response', path, before: allBefore, after: [...new Set([...allAfter, 'null' as const])].sort() };
    // Judged against what was known when the window opened (the window's other values must not count as before).
    const held = pending?.nulls !== undefined ? pending : undefined;
    delta.values = { nonNull: held?.before ?? nonNullValues(before), nullNow: nullNow + (held?.nulls ?? 0), seenNow: nonNullValues(after) + nullNow + (held?.seen ?? 0) };
    out.push(delta);
  }
  const stringsBoth = allBefore.includes('string') && allAfter.includes('string');
  if (stringsBoth) compareStrings(before, after, path, out);

  if (allBefore.includes('object') && allAfter.includes('object')) {
    // A dictionary keyed by data (on either side) is judged by the shape of its values; its keys are no news.
    if (before['x-map'] === true || after['x-map'] === true) queue.push({ before: mapValues(before), after: mapValues(after), path: `${path}.*`, isItems: false });
    else compareProperties(before, after, path, queue, out);
  }
  if (allBefore.includes('array') && allAfter.includes('array') && before.items !== undefined && after.items !== undefined) {
    queue.push({ before: before.items, after: after.items, path: itemsPath(path), isItems: true });
  }
}

function compareStrings(before: ShapeSchema, after: ShapeSchema, path: string, out: Delta[]): void {
  const format = before.format;
  const pending = before['x-pending'];
  const strings = after['x-strings'];
  const missesNow = format === undefined || after.format === format ? 0 : (strings ?? 1) - (after['x-format-hits']?.[format] ?? 0);
  if (format !== undefined && stillSeen(missesNow, pending, 'misses', strings ?? 0)) {
    const delta: FormatChanged = { kind: 'format-changed', location: 'response', path, before: format, after: after.format === format ? null : after.format ?? null };
    if (strings !== undefined) {
      const held = pending?.misses !== undefined ? pending : undefined;
      const otherNow = strings - (after['x-format-hits']?.[format] ?? 0) + (held?.misses ?? 0);
      delta.values = { matched: held?.before ?? nonNullValues(before), otherNow, seenNow: strings + (held?.seen ?? 0) };
    }
    out.push(delta);
  }
  const known = before['x-values'];
  const now = after['x-values'];
  if (known !== undefined && now !== undefined) {
    const held = pending?.values !== undefined ? pending : undefined;
    const counts = after['x-value-counts'];
    const freshNow = now.filter((v) => !known.includes(v));
    const newNow = freshNow.reduce((n, v) => n + (counts?.[v] ?? 1), 0);
    const heldNew = Object.values(held?.values ?? {}).reduce((n, c) => n + c, 0);
    const added = stillSeen(newNow, held, 'values', after['x-strings'] ?? nonNullValues(after)) ? [...new Set([...freshNow, ...Object.keys(held?.values ?? {})])].sort() : [];
    if (added.length > 0) {
      const evidence: NonNullable<EnumValueAdded['evidence']> = {
        observations: held?.before ?? nonNullValues(before),
        distinct: known.length,
        longest: known.reduce((max, v) => Math.max(max, v.length), 0),
        // Sightings held back by earlier runs (too few then to call) count with this run's.
        newNow: newNow + heldNew,
        seenNow: (after['x-strings'] ?? nonNullValues(after)) + (held?.seen ?? 0),
      };
      if (format !== undefined) evidence.format = format;
      out.push({ kind: 'enum-value-added', location: 'response', path, before: known, after: added, evidence });
    }
  }
}

/**
 * Whether a novelty counts this run: this run saw it, or an open window holds it and this run's observations without
 * it are too few to say it stopped.
 */
function stillSeen(novelNow: number, window: PendingNovelty | undefined, kind: NoveltyKind, seenNow: number): boolean {
  if (novelNow > 0) return true;
  return window?.[kind] !== undefined && !windowStopped(window, kind, seenNow);
}

/**
 * What the baseline knows of a property's presence: counts before its current absence streak. A hand-written snapshot
 * without counts has no evidence to weigh: its `required` is taken at its word (undefined), like a spec's.
 */
function presenceOf(parent: ShapeSchema, key: string, child: ShapeSchema, absentNow: number, seenNow: number): PresenceEvidence | undefined {
  if (child['x-present'] === undefined && parent['x-seen'] === undefined && parent.required?.includes(key)) return undefined;
  const objects = (parent['x-seen'] ?? 0) - (child['x-excused'] ?? 0);
  const streak = child['x-absent'] ?? 0;
  const present = child['x-present'] ?? (parent.required?.includes(key) ? objects : 0);
  const seen = Math.max(present, objects - streak);
  const absent = absentNow === seenNow ? streak + absentNow : absentNow;
  return { present, seen, absent, absentNow, seenNow };
}

function compareProperties(before: ShapeSchema, after: ShapeSchema, path: string, queue: Frame[], out: Delta[]): void {
  const propsBefore = before.properties ?? {};
  const propsAfter = after.properties ?? {};
  const seenNow = after['x-seen'] ?? 0;
  const removed: PropertyRemoved[] = [];
  const added: PropertyAdded[] = [];
  for (const key of Object.keys(propsBefore)) {
    const childBefore = propsBefore[key] as ShapeSchema;
    const at = childPath(path, key);
    const childAfter = Object.hasOwn(propsAfter, key) ? propsAfter[key] : undefined;
    if (childAfter === undefined) {
      if (seenNow === 0) continue;
      const presence = presenceOf(before, key, childBefore, seenNow, seenNow);
      const delta: PropertyRemoved = { kind: 'property-removed', location: 'response', path: at, before: typeList(childBefore), ...(presence ? { presence } : {}) };
      removed.push(delta);
      out.push(delta);
      continue;
    }
    const presentNow = childAfter['x-present'] ?? seenNow;
    if (presentNow < seenNow) {
      const presence = presenceOf(before, key, childBefore, seenNow - presentNow, seenNow);
      out.push({ kind: 'became-optional', location: 'response', path: at, ...(presence ? { presence } : {}) });
    }
    queue.push({ before: childBefore, after: childAfter, path: at, isItems: false });
  }
  for (const key of Object.keys(propsAfter)) {
    if (Object.hasOwn(propsBefore, key)) continue;
    const childAfter = propsAfter[key] as ShapeSchema;
    const delta: PropertyAdded = {
      kind: 'property-added',
      location: 'response',
      path: childPath(path, key),
      after: typeList(childAfter),
      presentNow: childAfter['x-present'] ?? seenNow,
      seenNow,
    };
    added.push(delta);
    out.push(delta);
  }
  pairRenames(removed, added, propsBefore, propsAfter);
}

/**
 * A property gone and one new under the same object, with the same type and format, are most likely one rename
 * (`customer_email` -> `billing_email`). Only a unique pairing is marked: a guess is worse than nothing.
 */
function pairRenames(removed: PropertyRemoved[], added: PropertyAdded[], before: Record<string, ShapeSchema>, after: Record<string, ShapeSchema>): void {
  if (removed.length === 0 || added.length === 0) return;
  // Removals the evidence supports pair first: an optional field that merely skipped this run is nobody's old name.
  // A weakly evidenced one still pairs when it is the only candidate: another source (the spec) may confirm it.
  const confirmed = removed.filter((d) => d.presence === undefined || absenceIsChange(d.presence));
  if (!pairUnique(confirmed, added, before, after)) pairUnique(removed, added, before, after);
}

/** Pairs each signature's one removed with its one added property; whether any pair was made. */
function pairUnique(removed: PropertyRemoved[], added: PropertyAdded[], before: Record<string, ShapeSchema>, after: Record<string, ShapeSchema>): boolean {
  const lastKey = (p: string): string => p.match(/(?:\.([^.[\]]+)|\['([^']+)'\])$/)?.slice(1).find(Boolean) ?? '';
  const signature = (schema: ShapeSchema | undefined): string => `${valueTypes(schema ?? {}).join('|')}:${schema?.format ?? ''}`;
  const bySignature = <T extends { path: string }>(list: readonly T[], props: Record<string, ShapeSchema>): Map<string, T[]> => {
    const map = new Map<string, T[]>();
    for (const d of list) {
      const sig = signature(props[lastKey(d.path)]);
      map.set(sig, [...(map.get(sig) ?? []), d]);
    }
    return map;
  };
  const fresh = bySignature(added.filter((d) => d.renamedFrom === undefined), after);
  let paired = false;
  for (const [sig, olds] of bySignature(removed, before)) {
    const news = fresh.get(sig);
    if (olds.length !== 1 || news?.length !== 1) continue;
    const old = olds[0] as PropertyRemoved;
    const twin = news[0] as PropertyAdded;
    old.renamedTo = twin.path;
    twin.renamedFrom = { path: old.path, ...(old.presence ? { presence: old.presence } : {}) };
    paired = true;
  }
  return paired;
}
