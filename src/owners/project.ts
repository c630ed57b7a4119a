// Project-wide facts the per-connector checks need (every connector, the owners registry), loaded once per burst of calls.
import { performance } from 'node:perf_hooks';
import { loadConnectors } from '../config/load-connectors.js';
import type { ConfigProblem, Connector } from '../core/model.js';
import type { OwnersRegistry } from '../core/ownership.js';
import { loadOwners } from './load-owners.js';

export interface ProjectFacts {
  connectors: Connector[];
  registry: OwnersRegistry;
  ownerProblems: ConfigProblem[];
  /** owners.yaml exists but is unusable as a whole (see OwnersLoad.unusable): ownership is not evaluated. */
  ownersUnusable: boolean;
}

/**
 * A scan calls the checks once per connector; reading every connector.yaml each time would be quadratic. Results are
 * reused for a few seconds per root: long enough for one scan's burst, short enough that the watch daemon's next run
 * (minutes later) sees edited files.
 */
const REUSE_MS = 10_000;
const cache = new Map<string, { at: number; facts: Promise<ProjectFacts> }>();

export function loadProjectFacts(root: string): Promise<ProjectFacts> {
  const hit = cache.get(root);
  const now = performance.now();
  if (hit && now - hit.at < REUSE_MS) return hit.facts;
  const facts = (async (): Promise<ProjectFacts> => {
    const [loaded, owners] = await Promise.all([loadConnectors(root), loadOwners(root)]);
    return { connectors: loaded.connectors, registry: owners.registry, ownerProblems: owners.problems, ownersUnusable: owners.unusable };
  })();
  cache.set(root, { at: now, facts });
  // A failed load (EACCES, EMFILE...) is not a fact to reuse: the next call tries again.
  facts.catch(() => {
    if (cache.get(root)?.facts === facts) cache.delete(root);
  });
  return facts;
}

/** Tests that rewrite files between scans of the same root call this. */
export function forgetProjectFacts(root?: string): void {
  if (root === undefined) cache.clear();
  else cache.delete(root);
}
