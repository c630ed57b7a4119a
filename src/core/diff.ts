// Diff: accepted snapshot x observed response -> Delta[], saying what changed and nothing about whether it matters.
import { childPath, itemsPath } from './jsonpath.js';
import { isJsonMediaType, mediaTypeOf } from './media-type.js';
import type { Delta, DeltaLocation, JsonType, ShapeSchema, Snapshot } from './model.js';

export interface ObservedResponse {
  status: number;
  contentType: string | null;
  /** Inferred from this run's samples, with `values: 'all'` so a single new value is visible. */
  schema: ShapeSchema;
  samples: number;
}


const is2xx = (status: number): boolean => status >= 200 && status < 300;

/**
 * What differs between the accepted snapshot and this run: status, content type (media type only), then the body
 * shapes, compared only when both are answers of the same kind (equal or both 2xx statuses, same or both JSON media
 * types): a body of an error page against a body of a resource is noise on top of the status change.
 */
export function diffSnapshot(snapshot: Snapshot, observed: ObservedResponse): Delta[] {
  const deltas: Delta[] = [];
  const before = snapshot.response;
  if (before.status !== observed.status) {
    deltas.push({ kind: 'status-changed', location: 'response', path: 'status', before: before.status, after: observed.status });
  }
  const mediaBefore = mediaTypeOf(before.contentType);
  const mediaAfter = mediaTypeOf(observed.contentType);
  if (mediaBefore !== mediaAfter) {
    deltas.push({
      kind: 'content-type-changed',
      location: 'response',
      path: 'content-type',
      before: before.contentType,
      after: observed.contentType,
    });
  }
  const comparableStatus = before.status === observed.status || (is2xx(before.status) && is2xx(observed.status));
  const comparableMedia = mediaBefore === mediaAfter || (isJsonMediaType(mediaBefore) && isJsonMediaType(mediaAfter));
  if (comparableStatus && comparableMedia && observed.samples > 0) {
    deltas.push(...diffShapes(snapshot.schema, observed.schema, 'response'));
  }
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

/** Fraction of the parent's objects that had the key; a hand-written snapshot without counts falls back on `required`. */
function presence(parent: ShapeSchema, key: string, child: ShapeSchema): { present: number | undefined; seen: number | undefined; ratio: number } {
  const present = child['x-present'];
  const seen = parent['x-seen'];
  const required = parent.required?.includes(key) ?? false;
  if (required) return { present, seen, ratio: 1 };
  if (present !== undefined && seen !== undefined && seen > 0) return { present, seen, ratio: Math.min(1, present / seen) };
  return { present, seen, ratio: 0 };
}

/**
 * What differs between two shapes of the same position, depth first. Children of a removed or added property, or of
 * a node that no longer holds objects, are not reported; a node the current samples never reached (an empty array,
 * an object that is now always null) says nothing about its children.
 */
export function diffShapes(before: ShapeSchema, after: ShapeSchema, location: DeltaLocation, path = '$'): Delta[] {
  const deltas: Delta[] = [];
  compareNode(before, after, location, path, false, deltas);
  return deltas;
}

function compareNode(before: ShapeSchema, after: ShapeSchema, location: DeltaLocation, path: string, isItems: boolean, out: Delta[]): void {
  const typesBefore = valueTypes(before);
  const typesAfter = valueTypes(after);
  const allBefore = typeList(before);
  const allAfter = typeList(after);

  if (typesBefore.length > 0 && typesAfter.length > 0 && !isWithin(typesAfter, typesBefore)) {
    out.push({ kind: isItems ? 'items-type-changed' : 'type-changed', location, path, before: typesBefore, after: typesAfter });
  }
  if (allBefore.length > 0 && !allBefore.includes('null') && allAfter.includes('null')) {
    out.push({ kind: 'became-nullable', location, path, before: before.type, after: after.type });
  }

  const stringsBoth = allBefore.includes('string') && allAfter.includes('string');
  if (stringsBoth && before.format !== undefined && after.format !== before.format) {
    out.push({ kind: 'format-changed', location, path, before: before.format, after: after.format ?? null });
  }
  const known = before['x-values'];
  const now = after['x-values'];
  if (stringsBoth && known !== undefined && now !== undefined) {
    const added = now.filter((v) => !known.includes(v));
    if (added.length > 0) {
      out.push({ kind: 'enum-value-added', location, path, before: known, after: added, detail: { known, seenBefore: before['x-seen'] } });
    }
  }

  if (allBefore.includes('object') && allAfter.includes('object')) compareProperties(before, after, location, path, out);
  if (allBefore.includes('array') && allAfter.includes('array') && before.items !== undefined && after.items !== undefined) {
    compareNode(before.items, after.items, location, itemsPath(path), true, out);
  }
}

function compareProperties(before: ShapeSchema, after: ShapeSchema, location: DeltaLocation, path: string, out: Delta[]): void {
  const start = out.length;
  collectPropertyDeltas(before, after, location, path, out);
  pairRenames(out.slice(start), before, after);
}

/**
 * A removed and an added property under the same object, with the same type and format, are most likely one
 * rename (`customer_email` -> `billing_email`). Only a unique pairing is marked: a guess is worse than nothing.
 */
function pairRenames(deltas: readonly Delta[], before: ShapeSchema, after: ShapeSchema): void {
  const removed = deltas.filter((d) => d.kind === 'property-removed');
  const added = deltas.filter((d) => d.kind === 'property-added');
  const signature = (schema: ShapeSchema | undefined): string => `${valueTypes(schema ?? {}).join('|')}:${schema?.format ?? ''}`;
  const lastKey = (d: Delta): string => (d.path.match(/(?:\.([^.[\]]+)|\['([^']+)'\])$/)?.slice(1).find(Boolean) ?? '');
  for (const gone of removed) {
    const sig = signature(before.properties?.[lastKey(gone)]);
    const candidates = added.filter((d) => signature(after.properties?.[lastKey(d)]) === sig);
    if (candidates.length !== 1) continue;
    const twin = candidates[0]!;
    const rivals = removed.filter((d) => signature(before.properties?.[lastKey(d)]) === sig);
    if (rivals.length !== 1) continue;
    gone.detail = { ...gone.detail, renamedTo: twin.path };
    twin.detail = { ...twin.detail, renamedFrom: gone.path };
  }
}

function collectPropertyDeltas(before: ShapeSchema, after: ShapeSchema, location: DeltaLocation, path: string, out: Delta[]): void {
  const propsBefore = before.properties ?? {};
  const propsAfter = after.properties ?? {};
  const seenAfter = after['x-seen'];
  for (const key of Object.keys(propsBefore)) {
    const childBefore = propsBefore[key] as ShapeSchema;
    const childPathText = childPath(path, key);
    const was = presence(before, key, childBefore);
    const childAfter = Object.hasOwn(propsAfter, key) ? propsAfter[key] : undefined;
    if (childAfter === undefined) {
      // Absent from every object of this run; only "removed" when the snapshot saw it in most of its own objects.
      if (was.ratio > 0.5) {
        out.push({
          kind: 'property-removed',
          location,
          path: childPathText,
          before: childBefore.type,
          detail: { presentBefore: was.present, seenBefore: was.seen, ratioBefore: was.ratio, seenAfter },
        });
      }
      continue;
    }
    const is = presence(after, key, childAfter);
    if (was.ratio === 1 && is.ratio < 1) {
      out.push({
        kind: 'became-optional',
        location,
        path: childPathText,
        before: 'required',
        after: 'optional',
        detail: { ratioBefore: was.ratio, ratioAfter: is.ratio, presentAfter: is.present, seenAfter: is.seen },
      });
    }
    compareNode(childBefore, childAfter, location, childPathText, false, out);
  }
  for (const key of Object.keys(propsAfter)) {
    if (Object.hasOwn(propsBefore, key)) continue;
    const childAfter = propsAfter[key] as ShapeSchema;
    const is = presence(after, key, childAfter);
    out.push({
      kind: 'property-added',
      location,
      path: childPath(path, key),
      after: childAfter.type,
      detail: { presentAfter: is.present, seenAfter: is.seen, ratioAfter: is.ratio },
    });
  }
}
