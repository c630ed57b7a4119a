// Pact vs spec: every interaction checked against the vendor's OpenAPI document by @pactflow/openapi-pact-comparator.
import { readFile } from 'node:fs/promises';
import { isAbsolute, resolve } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { childPath } from '../core/jsonpath.js';
import type { ConfigProblem, Delta } from '../core/model.js';
import type { PactFile, PactInteraction } from './pact-file.js';

/** One comparator result, as much of it as we read (its published types use subpath imports TS cannot follow). */
interface ComparatorResult {
  code: string;
  message: string;
  type: 'error' | 'warning' | 'info';
  mockDetails?: { interactionDescription?: string | null; location: string; value?: unknown };
  specDetails?: { location: string; pathName?: string | null; pathMethod?: string | null };
}

interface ComparatorLike {
  compare(pact: unknown): AsyncGenerator<ComparatorResult>;
}

type ComparatorModule = { Comparator: new (options: { oas: unknown }) => ComparatorLike };

/** Loaded on first use: scan and the other commands never pay for it. */
async function loadComparator(): Promise<ComparatorModule> {
  // Its package ships types NodeNext resolution cannot read, so the module is typed here by what we use.
  return (await import('@pactflow/openapi-pact-comparator')) as unknown as ComparatorModule;
}

export interface SpecFinding {
  interaction: PactInteraction;
  delta: Delta;
}

export type SpecDocument = Record<string, unknown>;

/**
 * driftwatch injects auth from the connector's env vars at request time, so contracts rightly leave the
 * Authorization header out; the comparator would flag every interaction of a secured API for it.
 */
const NOT_FINDINGS = new Set(['request.authorization.missing']);

/** Reads a connector's spec (YAML or JSON, relative to the connector folder). Problems are data. */
export async function readSpec(spec: string, connectorDir: string): Promise<{ document?: SpecDocument; problem?: ConfigProblem }> {
  if (/^https?:\/\//.test(spec)) {
    return { problem: { file: spec, message: 'verify reads the spec from a file: download it into the connector folder and point `spec:` at it' } };
  }
  const file = isAbsolute(spec) ? spec : resolve(connectorDir, spec);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    return { problem: { file, message: `cannot read the spec: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}` } };
  }
  let document: unknown;
  try {
    document = parseYaml(text);
  } catch (error) {
    return { problem: { file, message: `is not valid YAML or JSON: ${(error as Error).message}` } };
  }
  if (typeof document !== 'object' || document === null || Array.isArray(document)) {
    return { problem: { file, message: 'is not an OpenAPI document' } };
  }
  const d = document as SpecDocument;
  if (typeof d.openapi !== 'string' && typeof d.swagger !== 'string') return { problem: { file, message: 'has no `openapi:` (or `swagger:`) version' } };
  return { document: d };
}

/** The path templates of a spec (`/v1/invoices/{id}`), used to map pact paths to endpoints. */
export function specTemplates(document: SpecDocument | undefined): string[] {
  const paths = document?.paths;
  return typeof paths === 'object' && paths !== null ? Object.keys(paths) : [];
}

/** `[root].interactions[3].response.body.data[0].id` -> `$.data[*].id`; other locations keep their own words. */
function findingPath(result: ComparatorResult): string {
  const location = result.mockDetails?.location ?? '';
  const match = /^\[root\]\.interactions\[\d+\]\.(request|response)\.(body|[A-Za-z-]+)(.*)$/.exec(location);
  if (!match) return location.replace(/^\[root\]\./, '');
  const [, side, part, rest = ''] = match;
  if (part !== 'body') return `${side}.${part}${rest}`;
  let path = `$${rest.replace(/\[\d+\]/g, '[*]')}`;
  // ajv names the offending key only in the message ("must NOT have additional properties - amount_cents").
  const extra = / - ([^\s]+)$/.exec(result.message);
  if (result.code.endsWith('body.incompatible') && /additional properties/.test(result.message) && extra?.[1]) path = childPath(path, extra[1]);
  return path;
}

/**
 * Compares each pact with the spec. Deltas carry `location: 'contract'`, `kind: 'pact-spec-mismatch'`, the JSONPath
 * (or request/response part) and the comparator's code and message as detail.
 */
export async function comparePactsWithSpec(document: SpecDocument, pacts: readonly PactFile[]): Promise<SpecFinding[]> {
  // The comparator mutates nothing we keep, but a clone costs little and keeps the caller's document pristine.
  const { Comparator } = await loadComparator();
  const comparator = new Comparator({ oas: structuredClone(document) });
  const findings: SpecFinding[] = [];
  for (const pact of pacts) {
    const byDescription = new Map(pact.interactions.map((i) => [i.description, i]));
    for await (const result of comparator.compare(pact.raw)) {
      if (result.type === 'info' || NOT_FINDINGS.has(result.code)) continue;
      const interaction = byDescription.get(result.mockDetails?.interactionDescription ?? '');
      if (!interaction) continue;
      findings.push({
        interaction,
        delta: {
          kind: 'pact-spec-mismatch',
          location: 'contract',
          path: findingPath(result),
          where: interaction.description,
          code: result.code,
          level: result.type === 'warning' ? 'warning' : 'error',
          message: result.message,
        },
      });
    }
  }
  return findings;
}
