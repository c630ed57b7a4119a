// What the consumer relies on, as data the policy reads: which body paths each endpoint's contracts pin.

/** Built by src/pact/usage.ts from the connector's pact files; empty (hasPacts false) without any. */
export interface ConsumerUsage {
  /** False when no pact names the connector as its provider: then nothing is known and nothing is downgraded. */
  hasPacts: boolean;
  /** Per endpoint id, every body path some interaction expects (parents included), arrays written `[*]`. */
  pinned: ReadonlyMap<string, ReadonlySet<string>>;
}

export const NO_USAGE: ConsumerUsage = { hasPacts: false, pinned: new Map() };

/** Normalises a JSONPath so that `$.data[0].id` and `$.data[*].id` name the same field. */
export function normalizePath(path: string): string {
  return path.replace(/\[\d+\]/g, '[*]');
}

/** Whether a change at `path` touches something pinned: the field itself, or a parent of a pinned field. */
export function isPinned(pinned: ReadonlySet<string>, path: string): boolean {
  const want = normalizePath(path);
  if (pinned.has(want)) return true;
  for (const p of pinned) if (p.startsWith(want) && (p[want.length] === '.' || p[want.length] === '[')) return true;
  return false;
}

/**
 * Whether the consumer uses what a finding at (endpoint, path) touches: undefined when unknown (no contracts, or a
 * connector-wide finding). Status and content type are used by any interaction on the endpoint; a body path only
 * when some interaction expects it or something under it.
 */
export function usesPlace(usage: ConsumerUsage, endpoint: string, path: string): boolean | undefined {
  if (!usage.hasPacts || endpoint === '*') return undefined;
  const pinned = usage.pinned.get(endpoint);
  // HTTP pacts say nothing about webhook payloads: only a message pact on the event type tells what the consumer reads.
  if (pinned === undefined && endpoint.startsWith('event:')) return undefined;
  if (pinned === undefined) return false;
  return !path.startsWith('$') || isPinned(pinned, path);
}
