// A spec's structure checked against the official OpenAPI 2.0 / 3.0 / 3.1 JSON Schemas (compiled ahead of time into
// src/openapi/generated, see scripts/generate-oas-validators.mjs) and every internal `$ref` resolved. A problem names
// the JSON pointer and, when the text is at hand, the line and column.
import { LineCounter, isMap, isScalar, isSeq, parseDocument } from 'yaml';
import { Worker } from 'node:worker_threads';
import type { ConfigProblem } from '../core/model.js';
import { escapePointerSegment, getAtPointer, isRecord, refSegments } from './refs.js';
import { specWork } from './spec-work.js';
import type { OpenApiDocument, SpecVersion } from './types.js';

interface AjvError {
  instancePath: string;
  keyword: string;
  message?: string;
  params: Record<string, unknown>;
}
type GeneratedValidator = ((data: unknown) => boolean) & { errors?: AjvError[] | null };

/** Below this size a spec is checked inline: a worker's start-up would cost more than it saves. */
const WORKER_THRESHOLD = 1_000_000;

/** The first schema error, or null when the document is valid (`undefined`: invalid, no detail). */
async function firstError(doc: OpenApiDocument, version: SpecVersion): Promise<AjvError | undefined | null> {
  const validate = await validatorFor(version);
  return validate(doc) ? null : validate.errors?.[0];
}

const MODULES: Record<SpecVersion, string> = { 'swagger-2.0': 'oas20', 'openapi-3.0': 'oas30', 'openapi-3.1': 'oas31' };

/** The compiled validator module's URL for a worker, when this code runs compiled (under a TS loader it does not). */
function workerScript(version: SpecVersion): string | undefined {
  if (!import.meta.url.endsWith('.js')) return undefined;
  return new URL(`./generated/${MODULES[version]}-validator.js`, import.meta.url).href;
}

function firstErrorInWorker(text: string, version: SpecVersion, fallback: () => Promise<AjvError | undefined | null>): Promise<AjvError | undefined | null> {
  const yamlUrl = import.meta.resolve('yaml');
  const source = `const { parentPort, workerData } = require('node:worker_threads');
(async () => {
  const { default: validate } = await import(workerData.module);
  const text = workerData.text;
  let doc;
  try { doc = JSON.parse(text); } catch { doc = (await import(workerData.yaml)).parse(text, { uniqueKeys: false, maxAliasCount: 10000 }); }
  parentPort.postMessage(validate(doc) ? null : (validate.errors && validate.errors[0]) || { instancePath: '', keyword: 'invalid', params: {} });
})().catch((e) => parentPort.postMessage({ failed: String((e && e.message) || e) }));`;
  return new Promise((resolve) => {
    const worker = new Worker(source, { eval: true, workerData: { text, module: workerScript(version), yaml: yamlUrl } });
    worker.once('message', (message: AjvError | null | { failed: string }) => {
      void worker.terminate();
      // A worker that could not run (no compiled module, a crash) hands the check back to this thread.
      if (message !== null && 'failed' in message) resolve(fallback());
      else resolve(message);
    });
    worker.once('error', () => resolve(fallback()));
  });
}

/** Each version's validator is a large module: loaded only when a spec of that version needs checking. */
async function validatorFor(version: SpecVersion): Promise<GeneratedValidator> {
  switch (version) {
    case 'swagger-2.0':
      return (await import('./generated/oas20-validator.js')).default as GeneratedValidator;
    case 'openapi-3.0':
      return (await import('./generated/oas30-validator.js')).default as GeneratedValidator;
    default:
      return (await import('./generated/oas31-validator.js')).default as GeneratedValidator;
  }
}

/** Whether every internal `$ref` resolves (no pointers built: the walk that names one runs only when one does not). */
function refsResolve(doc: OpenApiDocument): boolean {
  const stack: unknown[] = [doc];
  const good = new Set<string>();
  while (stack.length > 0) {
    const node = stack.pop();
    if (Array.isArray(node)) {
      for (const item of node) if (typeof item === 'object' && item !== null) stack.push(item);
      continue;
    }
    if (!isRecord(node)) continue;
    const ref = node.$ref;
    if (typeof ref === 'string' && ref[0] === '#' && !good.has(ref)) {
      const segments = refSegments(ref);
      if (segments === undefined || getAtPointer(doc, segments) === undefined) return false;
      good.add(ref);
    }
    for (const key in node) {
      const v = node[key];
      if (typeof v === 'object' && v !== null) stack.push(v);
    }
  }
  return true;
}

/** The first internal `$ref` that points nowhere, with where it sits. */
function unresolvedRef(doc: OpenApiDocument): { pointer: string; ref: string } | undefined {
  const stack: Array<{ node: unknown; pointer: string }> = [{ node: doc, pointer: '' }];
  while (stack.length > 0) {
    const { node, pointer } = stack.pop()!;
    if (Array.isArray(node)) {
      node.forEach((item, i) => typeof item === 'object' && item !== null && stack.push({ node: item, pointer: `${pointer}/${i}` }));
      continue;
    }
    if (!isRecord(node)) continue;
    if (typeof node.$ref === 'string' && node.$ref.startsWith('#')) {
      const segments = refSegments(node.$ref);
      if (segments === undefined || getAtPointer(doc, segments) === undefined) return { pointer: `${pointer}/$ref`, ref: node.$ref };
    }
    for (const [key, value] of Object.entries(node)) if (typeof value === 'object' && value !== null) stack.push({ node: value, pointer: `${pointer}/${escapePointerSegment(key)}` });
  }
  return undefined;
}

/** Line and column of a JSON pointer in YAML or JSON text (only computed for a problem: parsing twice is slow). */
function positionOf(text: string, pointer: string): { line: number; col: number } | undefined {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, uniqueKeys: false });
  const path = pointer === '' ? [] : pointer.slice(1).split('/').map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
  let node: unknown = doc.contents;
  let at: number | undefined = (node as { range?: number[] } | null)?.range?.[0];
  // The deepest node of the pointer that exists (a missing property is reported at its parent).
  for (const segment of path) {
    if (isSeq(node)) node = node.items[Number(segment)];
    else if (isMap(node)) {
      const pair = node.items.find((p) => (isScalar(p.key) ? String(p.key.value) : String(p.key)) === segment);
      node = pair ? (pair.value ?? pair.key) : undefined;
      if (pair && isScalar(pair.key) && pair.key.range) at = pair.key.range[0];
    } else break;
    if (node === undefined || node === null) break;
    const range = (node as { range?: number[] }).range;
    if (range && !isMap(node) && !isSeq(node)) at = range[0];
  }
  return at === undefined ? undefined : lineCounter.linePos(at);
}

/**
 * The document's structural problem, or undefined when it is a valid spec of its version. With `text` of a large
 * spec and compiled code at hand, the schema check runs in a worker thread (it parses the text itself), so a caller
 * that does not await at once (a diff) gets it for the price of its own work.
 */
export async function validateStructure(doc: OpenApiDocument, version: SpecVersion, file: string, text?: string): Promise<ConfigProblem | undefined> {
  specWork.validations++;
  const label = `invalid ${version.replace('-', ' ')} spec`;
  const inline = async (): Promise<AjvError | undefined | null> => {
    try {
      return await firstError(doc, version);
    } catch (error) {
      // A document nested deeper than the validator's stack: not a spec anyone can rely on.
      if (error instanceof RangeError) return { instancePath: '', keyword: 'depth', params: {}, message: 'is nested too deeply to check' };
      throw error;
    }
  };
  const first = text !== undefined && text.length >= WORKER_THRESHOLD && workerScript(version) ? await firstErrorInWorker(text, version, inline) : await inline();
  if (first !== null) {
    const error = first;
    const pointer = error ? error.instancePath : '';
    const missing = error?.keyword === 'required' && typeof error.params.missingProperty === 'string' ? ` (${error.params.missingProperty})` : '';
    const extra = error?.keyword === 'additionalProperties' && typeof error.params.additionalProperty === 'string' ? ` (${error.params.additionalProperty})` : '';
    const at = pointer === '' ? '(the document)' : pointer;
    const pos = text === undefined ? undefined : positionOf(text, pointer);
    return { file, ...(pos ? { line: pos.line, col: pos.col } : {}), at, message: `${label}: ${at} ${error?.message ?? 'is not valid'}${missing}${extra}` };
  }
  const dangling = refsResolve(doc) ? undefined : unresolvedRef(doc);
  if (dangling) {
    const pos = text === undefined ? undefined : positionOf(text, dangling.pointer);
    return { file, ...(pos ? { line: pos.line, col: pos.col } : {}), at: dangling.pointer, message: `${label}: ${dangling.pointer} points at ${dangling.ref}, which does not exist` };
  }
  return undefined;
}
