// A spec's structure checked against the official OpenAPI 2.0 / 3.0 / 3.1 JSON Schemas (compiled ahead of time into
// src/openapi/generated, see scripts/generate-oas-validators.mjs) and every internal `$ref` resolved. A problem names
// the JSON pointer and, when the text is at hand, the line and column.
import { LineCounter, isMap, isScalar, isSeq, parseDocument } from 'yaml';
import type { ConfigProblem } from '../core/model.js';
import validateOas20 from './generated/oas20-validator.js';
import validateOas30 from './generated/oas30-validator.js';
import validateOas31 from './generated/oas31-validator.js';
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

const VALIDATORS: Record<SpecVersion, GeneratedValidator> = {
  'swagger-2.0': validateOas20 as GeneratedValidator,
  'openapi-3.0': validateOas30 as GeneratedValidator,
  'openapi-3.1': validateOas31 as GeneratedValidator,
};

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

/** The document's structural problem, or undefined when it is a valid spec of its version. */
export function validateStructure(doc: OpenApiDocument, version: SpecVersion, file: string, text?: string): ConfigProblem | undefined {
  specWork.validations++;
  const validate = VALIDATORS[version];
  const label = `invalid ${version.replace('-', ' ')} spec`;
  if (!validate(doc)) {
    const error = validate.errors?.[0];
    const pointer = error ? error.instancePath : '';
    const missing = error?.keyword === 'required' && typeof error.params.missingProperty === 'string' ? ` (${error.params.missingProperty})` : '';
    const extra = error?.keyword === 'additionalProperties' && typeof error.params.additionalProperty === 'string' ? ` (${error.params.additionalProperty})` : '';
    const at = pointer === '' ? '(the document)' : pointer;
    const pos = text === undefined ? undefined : positionOf(text, pointer);
    return { file, ...(pos ? { line: pos.line, col: pos.col } : {}), at, message: `${label}: ${at} ${error?.message ?? 'is not valid'}${missing}${extra}` };
  }
  const dangling = unresolvedRef(doc);
  if (dangling) {
    const pos = text === undefined ? undefined : positionOf(text, dangling.pointer);
    return { file, ...(pos ? { line: pos.line, col: pos.col } : {}), at: dangling.pointer, message: `${label}: ${dangling.pointer} points at ${dangling.ref}, which does not exist` };
  }
  return undefined;
}
