// The places of a spec diff as a graph: roots (an operation's response, request body, parameter, header, webhook
// payload) hold components at JSON paths, components hold components. Read after the walk: which operations a
// component's change reaches, and the concrete paths by which one operation reaches it (bounded: cycles are common).
import type { Edge } from './diff-schemas.js';
import type { Container } from './spec-deltas.js';

export interface RootInfo {
  /** The operation key (`GET /invoices/{id}`) or `webhook <name>`. */
  operation: string;
  /** Where the schema sits in it: `response 200 application/json`, `parameter query.limit`. */
  label: string;
  container: Container;
}

/** `label $rel`, or the label alone for a whole parameter or header (a single value needs no `$`). */
export function rootPath(root: RootInfo, rel: string): string {
  if (rel === '' && (root.container === 'parameter' || root.container === 'header')) return root.label;
  return `${root.label} $${rel}`;
}

/** Paths longer than this many components are not spelled out (a recursive schema has infinitely many). */
const MAX_HOPS = 16;

export class PlaceGraph {
  private reach: Map<string, Set<string>> | undefined;
  private readonly rootsByOperation = new Map<string, string[]>();

  constructor(
    private readonly edges: ReadonlyMap<string, readonly Edge[]>,
    readonly roots: ReadonlyMap<string, RootInfo>,
  ) {
    for (const [key, root] of roots) {
      const list = this.rootsByOperation.get(root.operation);
      if (list) list.push(key);
      else this.rootsByOperation.set(root.operation, [key]);
    }
  }

  /** The operations whose schemas reach `place` (a component), sorted. */
  reachesOf(place: string): string[] {
    if (this.reach === undefined) this.reach = this.computeReach();
    return [...(this.reach.get(place) ?? [])].sort();
  }

  private computeReach(): Map<string, Set<string>> {
    const out = new Map<string, Set<string>>();
    for (const [operation, rootKeys] of this.rootsByOperation) {
      const seen = new Set<string>();
      const stack = [...rootKeys];
      while (stack.length > 0) {
        const place = stack.pop()!;
        for (const edge of this.edges.get(place) ?? []) {
          if (seen.has(edge.to)) continue;
          seen.add(edge.to);
          stack.push(edge.to);
          const set = out.get(edge.to);
          if (set) set.add(operation);
          else out.set(edge.to, new Set([operation]));
        }
      }
    }
    return out;
  }

  /**
   * Up to `limit` concrete ways `operation` reaches `place`, shortest first: the root and the JSON path from the
   * root's `$` to the component's `$`. Each place is passed at most `limit` times, so cycles end.
   */
  pathsTo(operation: string, place: string, limit = 8): Array<{ root: RootInfo; rel: string }> {
    const out: Array<{ root: RootInfo; rel: string }> = [];
    const passes = new Map<string, number>();
    let queue: Array<{ root: string; place: string; rel: string; hops: number }> = (this.rootsByOperation.get(operation) ?? []).map((root) => ({ root, place: root, rel: '', hops: 0 }));
    while (queue.length > 0 && out.length < limit) {
      const next: typeof queue = [];
      for (const item of queue) {
        for (const edge of this.edges.get(item.place) ?? []) {
          const rel = item.rel + edge.rel;
          if (edge.to === place) {
            out.push({ root: this.roots.get(item.root)!, rel });
            if (out.length >= limit) break;
            continue;
          }
          const count = passes.get(edge.to) ?? 0;
          if (count >= limit || item.hops >= MAX_HOPS) continue;
          passes.set(edge.to, count + 1);
          next.push({ root: item.root, place: edge.to, rel, hops: item.hops + 1 });
        }
        if (out.length >= limit) break;
      }
      queue = next;
    }
    return out;
  }
}
