// The first defence against hostile bodies: depth, keys per object and total values, counted without recursion.
import type { BodyLimits, JsonValue } from '../core/model.js';

export type ComplexityVerdict = { ok: true; nodes: number; depth: number } | { ok: false; message: string };

/**
 * Walks a parsed body with an explicit stack (a recursive walk is what a 3,000-deep body overflows) and stops at the
 * first limit passed, so a pathological body costs at most `maxNodes` steps. Runs right after JSON.parse, before
 * redaction, inference or anything else that recurses.
 */
export function checkComplexity(body: JsonValue, limits: BodyLimits): ComplexityVerdict {
  // Parallel arrays instead of [value, depth] pairs: no allocation per node.
  const values: JsonValue[] = [body];
  const depths: number[] = [0];
  let nodes = 1;
  let deepest = 0;
  while (values.length > 0) {
    const value = values.pop()!;
    const depth = depths.pop()! + 1;
    if (value === null || typeof value !== 'object') continue;
    if (depth > limits.maxDepth) return { ok: false, message: `the body nests deeper than ${limits.maxDepth} levels (limits.maxDepth)` };
    if (depth > deepest) deepest = depth;
    if (Array.isArray(value)) {
      nodes += value.length;
      if (nodes > limits.maxNodes) return tooMany(limits);
      for (let i = 0; i < value.length; i++) {
        const item = value[i]!;
        if (item !== null && typeof item === 'object') {
          values.push(item);
          depths.push(depth);
        }
      }
      continue;
    }
    let keys = 0;
    for (const key in value) {
      keys++;
      if (keys > limits.maxKeys) return { ok: false, message: `an object in the body has more than ${limits.maxKeys} keys (limits.maxKeys)` };
      if (++nodes > limits.maxNodes) return tooMany(limits);
      const item = value[key]!;
      if (item !== null && typeof item === 'object') {
        values.push(item);
        depths.push(depth);
      }
    }
  }
  return { ok: true, nodes, depth: deepest };
}

function tooMany(limits: BodyLimits): ComplexityVerdict {
  return { ok: false, message: `the body holds more than ${limits.maxNodes} values (limits.maxNodes)` };
}
