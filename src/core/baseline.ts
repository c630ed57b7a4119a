// Baselines that learn: shapes merged so evidence accumulates across accepted samples and quiet runs, never absorbing
// the change a finding is about. Pure: the store keeps the learned shape, snapshots/ keeps the accepted one.
// Over 300 lines: merging, stopping and dropping novelty are one policy over one shape; split, they drift apart.
import { isClosedValueSet, noveltyStopped } from './policy.js';
import { pathSteps } from './jsonpath.js';
import type { JsonType, PendingNovelty, ShapeSchema } from './model.js';

const MAX_VALUES = 12;

function typeList(schema: ShapeSchema): JsonType[] {
  const t = schema.type;
  return t === undefined ? [] : Array.isArray(t) ? t : [t];
}

function setTypes(schema: ShapeSchema, types: Iterable<JsonType>): void {
  const set = new Set(types);
  // Integers are numbers too: once a non-integer was seen, the node is a number.
  if (set.has('number')) set.delete('integer');
  const list = [...set].sort();
  if (list.length === 1) schema.type = list[0] as JsonType;
  else if (list.length > 1) schema.type = list;
  else delete schema.type;
}

const sum = (a: number | undefined, b: number | undefined): number | undefined =>
  a === undefined && b === undefined ? undefined : (a ?? 0) + (b ?? 0);

/**
 * Two bodies of evidence about one position as one: counts add up, types unite, a format survives only when both
 * sides' strings had it, and a value set survives only when both sides kept theirs and the union stays small (a side
 * that saw strings but kept no values saw an open set). Iterative over an explicit stack, so depth costs no stack.
 */
export function mergeShapes(a: ShapeSchema, b: ShapeSchema): ShapeSchema {
  const root: ShapeSchema = {};
  const stack: Array<[ShapeSchema, ShapeSchema, ShapeSchema]> = [[a, b, root]];
  while (stack.length > 0) {
    const [x, y, out] = stack.pop()!;
    const tx = typeList(x);
    const ty = typeList(y);
    setTypes(out, [...tx, ...ty]);
    const seen = sum(x['x-seen'], y['x-seen']);
    if (seen !== undefined) out['x-seen'] = seen;
    const present = sum(x['x-present'], y['x-present']);
    if (present !== undefined) out['x-present'] = present;
    const nulls = sum(x['x-nulls'], y['x-nulls']);
    if (nulls !== undefined && nulls > 0) out['x-nulls'] = nulls;
    const absent = sum(x['x-absent'], y['x-absent']);
    if (absent !== undefined && absent > 0) out['x-absent'] = absent;
    const excused = sum(x['x-excused'], y['x-excused']);
    if (excused !== undefined && excused > 0) out['x-excused'] = excused;
    if (x['x-reported'] === true || y['x-reported'] === true) out['x-reported'] = true;
    const pending = mergePending(x['x-pending'], y['x-pending']);
    if (pending !== undefined) out['x-pending'] = pending;
    const sx = tx.includes('string');
    const sy = ty.includes('string');
    const format = sx && sy ? (x.format === y.format ? x.format : undefined) : sx ? x.format : sy ? y.format : undefined;
    if (format !== undefined) out.format = format;
    const values = mergeValues(sx ? x['x-values'] ?? null : undefined, sy ? y['x-values'] ?? null : undefined);
    if (values !== undefined) out['x-values'] = values;
    if (x['x-map'] === true || y['x-map'] === true) {
      // A dictionary on either side: the other side's fields fold into the one shape of its values.
      out['x-map'] = true;
      out.additionalProperties = mergeShapes(mapValues(x), mapValues(y));
    } else if (x.properties !== undefined || y.properties !== undefined) {
      const px = x.properties ?? {};
      const py = y.properties ?? {};
      const props: Record<string, ShapeSchema> = {};
      for (const key of new Set([...Object.keys(px), ...Object.keys(py)])) {
        const cx = Object.hasOwn(px, key) ? px[key] : undefined;
        const cy = Object.hasOwn(py, key) ? py[key] : undefined;
        const child: ShapeSchema = {};
        Object.defineProperty(props, key, { value: child, enumerable: true, writable: true, configurable: true });
        stack.push([cx ?? {}, cy ?? {}, child]);
      }
      out.properties = props;
    }
    if (x.items !== undefined || y.items !== undefined) {
      out.items = {};
      stack.push([x.items ?? {}, y.items ?? {}, out.items]);
    }
  }
  return withRequired(root);
}

/** The one shape of an object's values: a dictionary's, or its fields' merged. */
export function mapValues(node: ShapeSchema): ShapeSchema {
  if (node['x-map'] === true) return node.additionalProperties ?? {};
  return Object.values(node.properties ?? {}).reduce<ShapeSchema>((acc, child) => mergeShapes(acc, child), {});
}

function mergePending(a: PendingNovelty | undefined, b: PendingNovelty | undefined): PendingNovelty | undefined {
  if (a === undefined) return b;
  if (b === undefined) return a;
  // The older record's `before` stands: the window is judged against what was known when it opened.
  const out: PendingNovelty = { before: a.before, seen: a.seen + b.seen };
  // A record with novelty restarts the quiet streak; a quiet run extends it.
  const quiet = hasNovelty(b) ? (b.quiet ?? 0) : (a.quiet ?? 0) + (b.quiet ?? b.seen);
  if (quiet > 0) out.quiet = quiet;
  const nulls = (a.nulls ?? 0) + (b.nulls ?? 0);
  const misses = (a.misses ?? 0) + (b.misses ?? 0);
  if (nulls > 0) out.nulls = nulls;
  if (misses > 0) out.misses = misses;
  if (a.values !== undefined || b.values !== undefined) {
    const values: Record<string, number> = { ...a.values };
    for (const [v, n] of Object.entries(b.values ?? {})) values[v] = (values[v] ?? 0) + n;
    out.values = values;
  }
  return out;
}

function hasNovelty(p: PendingNovelty): boolean {
  return p.nulls !== undefined || p.misses !== undefined || p.values !== undefined;
}

export type NoveltyKind = 'nulls' | 'misses' | 'values';

/**
 * Whether a window's novelty of one kind has stopped, `extraQuiet` observations without it later (the run being
 * judged): none of it since it last showed, although at the rate it showed until then it would have (policy.ts).
 */
export function windowStopped(p: PendingNovelty, kind: NoveltyKind, extraQuiet = 0): boolean {
  const novel = kind === 'values' ? Object.values(p.values ?? {}).reduce((n, c) => n + c, 0) : p[kind] ?? 0;
  // `seen` counts non-null values: nulls come on top.
  const total = p.seen + (kind === 'nulls' ? novel : 0);
  const quiet = p.quiet ?? 0;
  return noveltyStopped(novel, total - quiet, quiet + extraQuiet);
}

/** A window without the kinds of novelty that stopped (undefined when none is left): they resolve, unlearned. */
function dropStopped(p: PendingNovelty): PendingNovelty | undefined {
  const out = { ...p };
  if (out.nulls !== undefined && windowStopped(p, 'nulls')) delete out.nulls;
  if (out.misses !== undefined && windowStopped(p, 'misses')) delete out.misses;
  if (out.values !== undefined && windowStopped(p, 'values')) delete out.values;
  return hasNovelty(out) ? out : undefined;
}

/** undefined: that side saw no strings; null: it saw strings but kept no value set (an open set). */
function mergeValues(x: string[] | null | undefined, y: string[] | null | undefined): string[] | undefined {
  if (x === null || y === null) return undefined;
  if (x === undefined) return y;
  if (y === undefined) return x;
  const union = [...new Set([...x, ...y])].sort();
  return union.length <= MAX_VALUES ? union : undefined;
}

/** `required` recomputed from the counts: the properties present in every object seen. */
function withRequired(root: ShapeSchema): ShapeSchema {
  const stack = [root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node.properties !== undefined) {
      const objects = node['x-seen'];
      const required = Object.keys(node.properties)
        .filter((k) => objects !== undefined && node.properties![k]!['x-present'] === objects)
        .sort();
      if (required.length > 0) node.required = required;
      else delete node.required;
      stack.push(...Object.values(node.properties));
    }
    if (node.items !== undefined) stack.push(node.items);
  }
  return root;
}

/**
 * The learned shape after one run: the run's evidence added to what was learned, except under `frozen` paths (the
 * places of this run's findings), whose evidence would teach the baseline the very change being reported; there only
 * presence counts move. A property absent from every object of the run extends its absence streak (`x-absent`); one
 * seen again ends it. `learned` is what the store had (undefined: nothing yet); `baseline` is what the run was judged
 * against (the snapshot with the learned evidence), which tells which properties exist.
 */
export function learnShape(learned: ShapeSchema | undefined, observed: ShapeSchema, baseline: ShapeSchema, frozen: ReadonlySet<string>): ShapeSchema {
  // Novelty is counted from everything the run saw, frozen places included: a reported change keeps its window, so
  // it stays reported while the evidence holds and resolves when it no longer does (not at the first quiet run).
  const { pending } = holdBackNovelty(observed, baseline, learned);
  const { kept } = holdBackNovelty(freeze(observed, baseline, frozen), baseline, learned);
  const next = mergeShapes(learned ?? {}, kept);
  markStreaks(next, learned, observed, baseline, frozen);
  for (const [path, novelty] of pending) {
    const node = nodeAt(next, path);
    if (node === undefined) continue;
    const window = mergePending(node['x-pending'], novelty);
    const open = window && dropStopped(window);
    if (open === undefined) delete node['x-pending'];
    else node['x-pending'] = open;
  }
  return next;
}

/**
 * The run's evidence without the novelty the evidence does not yet support: nulls where the baseline never saw one,
 * values new to a closed value set, strings without the learned format. Merged, they would teach the baseline a change
 * the next runs should still be able to call; held out, they are counted (`x-pending`) until they are improbable
 * enough to report, or forever if they stay rare.
 */
function holdBackNovelty(observed: ShapeSchema, baseline: ShapeSchema, learned: ShapeSchema | undefined): { kept: ShapeSchema; pending: Map<string, PendingNovelty> } {
  const pending = new Map<string, PendingNovelty>();
  // Copy on write: only the nodes that hold novelty back (and their ancestors) are copied.
  const visit = (node: ShapeSchema, base: ShapeSchema, old: ShapeSchema | undefined, path: string): ShapeSchema => {
    let out = node;
    const own = { ...node };
    const novelty = holdBackAt(own, base);
    if (novelty !== undefined) {
      pending.set(path, novelty);
      out = own;
    } else if (old?.['x-pending'] !== undefined) {
      // An open window counts every value seen at its node, new or not: otherwise the new ones look more frequent.
      pending.set(path, { before: 0, seen: observedValues(node) });
    }
    if (node.properties !== undefined && base.properties !== undefined) {
      let props: Record<string, ShapeSchema> | undefined;
      for (const [key, child] of Object.entries(node.properties)) {
        const baseChild = Object.hasOwn(base.properties, key) ? base.properties[key] : undefined;
        if (baseChild === undefined) continue;
        const oldChild = old?.properties !== undefined && Object.hasOwn(old.properties, key) ? old.properties[key] : undefined;
        const next = visit(child, baseChild, oldChild, childPathOf(path, key));
        if (next === child) continue;
        props ??= { ...node.properties };
        Object.defineProperty(props, key, { value: next, enumerable: true, writable: true, configurable: true });
      }
      if (props !== undefined) out = { ...(out === node ? node : out), properties: props };
    }
    if (node.items !== undefined && base.items !== undefined) {
      const items = visit(node.items, base.items, old?.items, `${path}[*]`);
      if (items !== node.items) out = { ...(out === node ? node : out), items };
    }
    return out;
  };
  return { kept: visit(observed, baseline, learned, '$'), pending };
}

/** Holds back one node's unconfirmed novelty (mutating the copy); what was held back, if anything. */
function holdBackAt(node: ShapeSchema, base: ShapeSchema): PendingNovelty | undefined {
  const types = typeList(node);
  const baseTypes = typeList(base);
  if (baseTypes.length === 0) return undefined;
  const novelty: PendingNovelty = { before: valuesOf(base), seen: observedValues(node) };
  const nulls = node['x-nulls'] ?? 0;
  if (nulls > 0 && !baseTypes.includes('null')) {
    novelty.nulls = nulls;
    delete node['x-nulls'];
    setTypes(node, types.filter((t) => t !== 'null'));
    if (!types.includes('object')) node['x-seen'] = Math.max(0, (node['x-seen'] ?? 0) - nulls);
  }
  const format = base.format;
  if (format !== undefined && types.includes('string') && node.format !== format && node['x-strings'] !== undefined) {
    novelty.misses = node['x-strings'] - (node['x-format-hits']?.[format] ?? 0);
    node.format = format;
  }
  const known = base['x-values'];
  const values = node['x-values'];
  if (known !== undefined && values !== undefined && isClosedValueSet(closedEvidence(base, known))) {
    const fresh = values.filter((v) => !known.includes(v));
    if (fresh.length > 0) {
      const counts = node['x-value-counts'] ?? {};
      novelty.values = Object.fromEntries(fresh.map((v) => [v, counts[v] ?? 1]));
      node['x-values'] = values.filter((v) => known.includes(v));
    }
  }
  return novelty.nulls !== undefined || novelty.misses !== undefined || novelty.values !== undefined ? novelty : undefined;
}

/** What a window counts of a run at a node: its strings when it counts them, else its non-null values. */
function observedValues(node: ShapeSchema): number {
  return node['x-strings'] ?? valuesOf(node);
}

/** Non-null values a node has seen (objects are counted by x-seen alone). */
function valuesOf(node: ShapeSchema): number {
  return (node['x-seen'] ?? 0) - (typeList(node).includes('object') ? 0 : node['x-nulls'] ?? 0);
}

function closedEvidence(base: ShapeSchema, known: readonly string[]): { observations: number; distinct: number; longest: number; format?: string } {
  return { observations: valuesOf(base), distinct: known.length, longest: known.reduce((m, v) => Math.max(m, v.length), 0), ...(base.format ? { format: base.format } : {}) };
}

/** The node at a JSONPath written by childPathOf (`$.data[*].status`), if the shape has one there. */
function nodeAt(root: ShapeSchema, path: string): ShapeSchema | undefined {
  let node: ShapeSchema | undefined = root;
  for (const step of pathSteps(path) ?? []) {
    if (node === undefined) return undefined;
    node = 'items' in step ? node.items : node.properties !== undefined && Object.hasOwn(node.properties, step.key) ? node.properties[step.key] : undefined;
  }
  return node;
}

/** The run's evidence with frozen paths reduced to their presence. */
function freeze(observed: ShapeSchema, baseline: ShapeSchema, frozen: ReadonlySet<string>): ShapeSchema {
  if (frozen.size === 0) return observed;
  const copy = (node: ShapeSchema, base: ShapeSchema | undefined, path: string): ShapeSchema => {
    if (frozen.has(path)) {
      // Presence only: no types, values or counts of its own, so nothing of the reported change is learned.
      const kept: ShapeSchema = {};
      if (node['x-present'] !== undefined) kept['x-present'] = node['x-present'];
      return kept;
    }
    const out: ShapeSchema = { ...node };
    if (node.properties !== undefined) {
      const props: Record<string, ShapeSchema> = {};
      for (const [key, child] of Object.entries(node.properties)) {
        Object.defineProperty(props, key, { value: copy(child, base?.properties?.[key], childPathOf(path, key)), enumerable: true, writable: true, configurable: true });
      }
      out.properties = props;
    }
    if (node.items !== undefined) out.items = copy(node.items, base?.items, `${path}[*]`);
    return out;
  };
  return copy(observed, baseline, '$');
}

const SHORTHAND = /^[A-Za-z_][A-Za-z0-9_]*$/;
function childPathOf(parent: string, key: string): string {
  return SHORTHAND.test(key) ? `${parent}.${key}` : `${parent}['${key.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}']`;
}

/**
 * Absence streaks: continued for baseline properties missing from every object of the run, ended when seen. A streak
 * that was reported as a removal (its place frozen) and then ended was a change the vendor reverted, not evidence that
 * the field is optional: its objects are excused from the field's presence rate (`x-excused`) instead of counting.
 */
function markStreaks(next: ShapeSchema, learned: ShapeSchema | undefined, observed: ShapeSchema, baseline: ShapeSchema, frozen: ReadonlySet<string>): void {
  const stack: Array<[ShapeSchema, ShapeSchema | undefined, ShapeSchema | undefined, ShapeSchema, string]> = [[next, learned, observed, baseline, '$']];
  while (stack.length > 0) {
    const [out, old, now, base, path] = stack.pop()!;
    const objectsNow = now !== undefined && typeList(now).includes('object') ? now['x-seen'] ?? 0 : 0;
    for (const [key, baseChild] of Object.entries(base.properties ?? {})) {
      const at = childPathOf(path, key);
      const child = out.properties?.[key];
      const nowChild = now?.properties !== undefined && Object.hasOwn(now.properties, key) ? now.properties[key] : undefined;
      const oldChild = old?.properties !== undefined && Object.hasOwn(old.properties, key) ? old.properties[key] : undefined;
      if (objectsNow > 0 && nowChild === undefined) {
        const target = child ?? ensureProperty(out, key);
        target['x-absent'] = (oldChild?.['x-absent'] ?? 0) + objectsNow;
        if (frozen.has(at) || oldChild?.['x-reported'] === true) target['x-reported'] = true;
        else delete target['x-reported'];
      } else if (child !== undefined) {
        const streak = oldChild?.['x-absent'] ?? 0;
        if (streak > 0 && oldChild?.['x-reported'] === true) child['x-excused'] = (oldChild['x-excused'] ?? 0) + streak;
        delete child['x-absent'];
        delete child['x-reported'];
      }
      if (child !== undefined) stack.push([child, oldChild, nowChild, baseChild, at]);
    }
    if (out.items !== undefined && base.items !== undefined) stack.push([out.items, old?.items, now?.items, base.items, `${path}[*]`]);
  }
}

function ensureProperty(node: ShapeSchema, key: string): ShapeSchema {
  const props = node.properties ?? (node.properties = {});
  const child: ShapeSchema = { 'x-present': 0 };
  Object.defineProperty(props, key, { value: child, enumerable: true, writable: true, configurable: true });
  return child;
}

/**
 * The shape as a snapshot file keeps it: evidence counts and closed-looking value sets only. Fresh-sample counters and
 * absence streaks stay out of git, and a value set whose values do not repeat (ids, names) is not written down.
 */
export function snapshotShape(shape: ShapeSchema): ShapeSchema {
  const copy = structuredClone(shape);
  const stack = [copy];
  while (stack.length > 0) {
    const node = stack.pop()!;
    delete node['x-strings'];
    delete node['x-format-hits'];
    delete node['x-value-counts'];
    delete node['x-absent'];
    delete node['x-reported'];
    delete node['x-excused'];
    delete node['x-pending'];
    const values = node['x-values'];
    const seen = (node['x-seen'] ?? 0) - (node['x-nulls'] ?? 0);
    if (values !== undefined && (node.format !== undefined || seen < 2 * values.length || values.some((v) => v.length > 64))) delete node['x-values'];
    if (node.properties !== undefined) stack.push(...Object.values(node.properties));
    if (node.items !== undefined) stack.push(node.items);
  }
  return copy;
}
