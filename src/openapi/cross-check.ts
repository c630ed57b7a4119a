// The set-based cross-check, bounded: json-schema-diff (in a worker, with a deadline) asks "does the new response schema accept values the old did not?".
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import { isRecord, refSegments, getAtPointer, type JsonRecord } from './refs.js';
import type { OpenApiDocument } from './types.js';

export type CrossCheckVerdict =
  | { kind: 'checked'; widened: boolean; narrowed: boolean }
  | { kind: 'skipped'; reason: string }
  | { kind: 'timed-out'; reason: string };

/** Beyond this many schema nodes once inlined, the set arithmetic gets slow: skip (and count the skip). */
const MAX_NODES = 4_000;

class Uncheckable extends Error {}

/** Draft-07 keywords json-schema-diff understands; everything else would be ignored or confuse it. */
const KEEP = new Set([
  'type', 'properties', 'required', 'items', 'additionalProperties', 'allOf', 'anyOf', 'oneOf', 'not',
  'maximum', 'minimum', 'exclusiveMaximum', 'exclusiveMinimum', 'maxLength', 'minLength', 'maxItems', 'minItems',
  'maxProperties', 'minProperties',
]);

/**
 * Inlines `$ref`s (a cycle makes the schema uncheckable: json-schema-diff needs a tree) and turns OpenAPI 3.0
 * `nullable` into a `null` type, keeping only the keywords json-schema-diff supports.
 */
export function toDiffableSchema(doc: OpenApiDocument, schema: unknown): unknown {
  let nodes = 0;
  const walk = (value: unknown, stack: readonly string[]): unknown => {
    if (++nodes > MAX_NODES) throw new Uncheckable('schema too large');
    if (typeof value === 'boolean') return value;
    if (!isRecord(value)) return {};
    if (typeof value.$ref === 'string') {
      if (stack.includes(value.$ref)) throw new Uncheckable('circular schema');
      const segments = refSegments(value.$ref);
      if (segments === undefined) throw new Uncheckable(`external reference ${value.$ref}`);
      return walk(getAtPointer(doc, segments), [...stack, value.$ref]);
    }
    const out: JsonRecord = {};
    for (const [key, v] of Object.entries(value)) {
      if (!KEEP.has(key)) continue;
      if (key === 'properties' && isRecord(v)) out.properties = Object.fromEntries(Object.entries(v).map(([k, s]) => [k, walk(s, stack)]));
      else if ((key === 'allOf' || key === 'anyOf' || key === 'oneOf') && Array.isArray(v)) out[key] = v.map((s) => walk(s, stack));
      else if (key === 'items' || key === 'not' || (key === 'additionalProperties' && isRecord(v))) out[key] = walk(v, stack);
      else if (typeof v === 'boolean' && (key === 'exclusiveMaximum' || key === 'exclusiveMinimum')) continue;
      else out[key] = v;
    }
    if (value.nullable === true || value['x-nullable'] === true) {
      if (typeof out.type === 'string') out.type = [out.type, 'null'];
      else if (Array.isArray(out.type)) out.type = [...new Set([...out.type, 'null'])];
      else return { anyOf: [out, { type: 'null' }] };
    }
    return out;
  };
  return walk(schema, []);
}

/** One json-schema-diff run may take this long before it is called "not judged" (its set arithmetic can explode). */
export const DEFAULT_CROSS_CHECK_TIMEOUT_MS = 5_000;

/** Runs json-schema-diff in a worker thread, so a run that never returns can be stopped at its deadline. */
export interface CrossChecker {
  check(oldDoc: OpenApiDocument, newDoc: OpenApiDocument, before: unknown, after: unknown): Promise<CrossCheckVerdict>;
  close(): Promise<void>;
}

const require = createRequire(import.meta.url);

function workerSource(): string {
  const path = JSON.stringify(require.resolve('json-schema-diff'));
  return `const { parentPort } = require('node:worker_threads');
const jsd = require(${path});
parentPort.on('message', (m) => {
  jsd.diffSchemas({ sourceSchema: m.a, destinationSchema: m.b }).then(
    (r) => parentPort.postMessage({ id: m.id, ok: true, widened: r.additionsFound, narrowed: r.removalsFound }),
    (e) => parentPort.postMessage({ id: m.id, ok: false, reason: String((e && e.message) || e) }),
  );
});`;
}

interface WorkerAnswer {
  id: number;
  ok: boolean;
  widened?: boolean;
  narrowed?: boolean;
  reason?: string;
}

export function createCrossChecker(options: { timeoutMs?: number } = {}): CrossChecker {
  const timeoutMs = options.timeoutMs ?? DEFAULT_CROSS_CHECK_TIMEOUT_MS;
  let worker: Worker | undefined;
  let nextId = 0;
  const start = (): Worker => {
    worker ??= new Worker(workerSource(), { eval: true });
    worker.unref();
    return worker;
  };
  const stop = async (): Promise<void> => {
    const w = worker;
    worker = undefined;
    if (w) await w.terminate();
  };
  return {
    async check(oldDoc, newDoc, before, after) {
      let a: unknown;
      let b: unknown;
      try {
        a = toDiffableSchema(oldDoc, before);
        b = toDiffableSchema(newDoc, after);
      } catch (error) {
        if (error instanceof Uncheckable) return { kind: 'skipped', reason: error.message };
        throw error;
      }
      const w = start();
      const id = ++nextId;
      const answer = await new Promise<WorkerAnswer | 'timeout' | Error>((resolve) => {
        const timer = setTimeout(() => {
          cleanup();
          resolve('timeout');
        }, timeoutMs);
        const onMessage = (m: WorkerAnswer): void => {
          if (m.id !== id) return;
          cleanup();
          resolve(m);
        };
        const onError = (error: Error): void => {
          cleanup();
          resolve(error);
        };
        const cleanup = (): void => {
          clearTimeout(timer);
          w.off('message', onMessage);
          w.off('error', onError);
        };
        w.on('message', onMessage);
        w.on('error', onError);
        w.postMessage({ id, a, b });
      });
      if (answer === 'timeout') {
        // The set arithmetic may never return: stop the worker; the next check starts a fresh one.
        await stop();
        return { kind: 'timed-out', reason: `json-schema-diff did not finish within ${timeoutMs} ms` };
      }
      if (answer instanceof Error) {
        await stop();
        return { kind: 'skipped', reason: answer.message };
      }
      // json-schema-diff rejects some valid schemas (it is a cross-check, not the judge): counted as skipped.
      if (!answer.ok) return { kind: 'skipped', reason: answer.reason ?? 'json-schema-diff failed' };
      return { kind: 'checked', widened: answer.widened === true, narrowed: answer.narrowed === true };
    },
    close: stop,
  };
}

/** One cross-check with its own worker (tests and one-off use). */
export async function crossCheckResponse(oldDoc: OpenApiDocument, newDoc: OpenApiDocument, before: unknown, after: unknown, options: { timeoutMs?: number } = {}): Promise<CrossCheckVerdict> {
  const checker = createCrossChecker(options);
  try {
    return await checker.check(oldDoc, newDoc, before, after);
  } finally {
    await checker.close();
  }
}
