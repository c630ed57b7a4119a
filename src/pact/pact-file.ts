// Pact files: finding them (contracts/pacts, contracts/<connector>/pacts), parsing V3/V4 HTTP interactions, problems as data.
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ConfigProblem, HttpMethod, JsonValue } from '../core/model.js';
import { isRecord } from '../core/is-record.js';

export interface PactMatcher {
  match: string;
  [key: string]: unknown;
}

/** Matching rules of one part of an interaction, keyed by JSONPath (`$.data[*].id`). */
export type MatchingRules = Record<string, PactMatcher[]>;

/** One HTTP interaction, normalised across pact specification versions 3 and 4. */
export interface PactInteraction {
  description: string;
  states: string[];
  method: HttpMethod;
  path: string;
  query: Record<string, string[]>;
  requestHeaders: Record<string, string[]>;
  requestBody?: JsonValue;
  requestContentType?: string;
  status: number;
  responseHeaders: Record<string, string[]>;
  responseBody?: JsonValue;
  responseContentType?: string;
  responseRules: MatchingRules;
  /** The interaction as written in the file: the comparator and the verifier get it untouched. */
  raw: Record<string, unknown>;
}

/** One asynchronous message interaction (V4 `Asynchronous/Messages`, V3 `messages`): what a webhook delivery must carry. */
export interface PactMessage {
  description: string;
  states: string[];
  /** The expected content (JSON), when it is JSON. */
  content?: JsonValue;
  contentType?: string;
  /** Matching rules of the content, keyed by JSONPath. */
  rules: MatchingRules;
  raw: Record<string, unknown>;
}

export interface PactFile {
  file: string;
  consumer: string;
  provider: string;
  specVersion: string;
  /** The HTTP interactions. */
  interactions: PactInteraction[];
  /** The asynchronous message interactions: checked against captured webhook deliveries. */
  messages: PactMessage[];
  /** Interactions of a kind driftwatch cannot check (synchronous messages, plugins): reported, never a silent pass. */
  unsupported: Array<{ description: string; type: string }>;
  raw: Record<string, unknown>;
}

export interface PactLoad {
  pacts: PactFile[];
  problems: ConfigProblem[];
}

const METHODS = new Set<string>(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);

/** Where pact files live: one shared folder for the project, and an optional one per connector. */
export async function findPactFiles(root: string): Promise<string[]> {
  const found: string[] = [];
  const shared = join(root, 'contracts', 'pacts');
  found.push(...(await jsonFilesIn(shared)));
  for (const entry of await safeReaddir(join(root, 'contracts'))) {
    if (entry === 'pacts') continue;
    found.push(...(await jsonFilesIn(join(root, 'contracts', entry, 'pacts'))));
  }
  return found.sort();
}

async function safeReaddir(dir: string): Promise<string[]> {
  try {
    return await readdir(dir);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return [];
    throw error;
  }
}

async function jsonFilesIn(dir: string): Promise<string[]> {
  return (await safeReaddir(dir)).filter((name) => name.endsWith('.json')).map((name) => join(dir, name));
}

/** Reads every pact file under the root; a broken file is a problem, the others still load. */
export async function loadPacts(root: string): Promise<PactLoad> {
  const pacts: PactFile[] = [];
  const problems: ConfigProblem[] = [];
  for (const file of await findPactFiles(root)) {
    const parsed = parsePact(await readFile(file, 'utf8'), file);
    if (parsed.pact) pacts.push(parsed.pact);
    problems.push(...parsed.problems);
  }
  return { pacts, problems };
}

/** A pact belongs to the connector its provider is named after (`provider: { name: '<connector>' }`). */
export function pactsFor(pacts: readonly PactFile[], connector: string): PactFile[] {
  return pacts.filter((p) => p.provider === connector);
}

export function parsePact(text: string, file: string): { pact?: PactFile; problems: ConfigProblem[] } {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    return { problems: [{ file, message: `is not valid JSON: ${(error as Error).message}` }] };
  }
  if (!isRecord(data)) return { problems: [{ file, message: 'is not a pact file (expected a JSON object)' }] };
  const consumer = isRecord(data.consumer) && typeof data.consumer.name === 'string' ? data.consumer.name : undefined;
  const provider = isRecord(data.provider) && typeof data.provider.name === 'string' ? data.provider.name : undefined;
  if (!consumer || !provider) return { problems: [{ file, at: 'consumer/provider', message: 'is not a pact file: consumer.name and provider.name are required' }] };
  // V3 message pacts hold `messages` instead of `interactions`.
  const v3Messages = Array.isArray(data.messages) ? data.messages : undefined;
  if (!Array.isArray(data.interactions) && v3Messages === undefined) return { problems: [{ file, at: 'interactions', message: 'is not a pact file: interactions must be a list' }] };
  const metadata = isRecord(data.metadata) ? data.metadata : {};
  const spec = isRecord(metadata.pactSpecification) ? metadata.pactSpecification : isRecord(metadata['pact-specification']) ? metadata['pact-specification'] : {};
  const specVersion = typeof spec.version === 'string' ? spec.version : '2.0.0';
  const problems: ConfigProblem[] = [];
  const interactions: PactInteraction[] = [];
  const messages: PactMessage[] = [];
  const unsupported: PactFile['unsupported'] = [];
  const entries: Array<[unknown, string, boolean]> = [
    ...(Array.isArray(data.interactions) ? data.interactions.map((raw, i): [unknown, string, boolean] => [raw, `interactions[${i}]`, false]) : []),
    ...(v3Messages ?? []).map((raw, i): [unknown, string, boolean] => [raw, `messages[${i}]`, true]),
  ];
  for (const [raw, at, isMessage] of entries) {
    if (!isRecord(raw)) {
      problems.push({ file, at, message: 'must be an object' });
      continue;
    }
    const type = typeof raw.type === 'string' ? raw.type : isMessage ? 'Asynchronous/Messages' : 'Synchronous/HTTP';
    if (type === 'Asynchronous/Messages') {
      const parsed = parseMessage(raw);
      if (typeof parsed === 'string') problems.push({ file, at, message: parsed });
      else messages.push(parsed);
      continue;
    }
    if (type !== 'Synchronous/HTTP') {
      unsupported.push({ description: typeof raw.description === 'string' ? raw.description : at, type });
      continue;
    }
    const parsed = parseInteraction(raw);
    if (typeof parsed === 'string') problems.push({ file, at, message: parsed });
    else interactions.push(parsed);
  }
  return { pact: { file, consumer, provider, specVersion, interactions, messages, unsupported, raw: data }, problems };
}

/** V4 `contents: { content, contentType }` with `matchingRules.body`; V3 `contents` inline with `matchingRules` by path. */
function parseMessage(raw: Record<string, unknown>): PactMessage | string {
  const description = typeof raw.description === 'string' ? raw.description : '';
  if (description === '') return 'has no description';
  const states: string[] = [];
  if (Array.isArray(raw.providerStates)) {
    for (const s of raw.providerStates) if (isRecord(s) && typeof s.name === 'string') states.push(s.name);
  }
  const body = bodyOf(raw.contents, {});
  const metaType = isRecord(raw.metadata) && typeof raw.metadata.contentType === 'string' ? raw.metadata.contentType : isRecord(raw.metaData) && typeof raw.metaData.contentType === 'string' ? raw.metaData.contentType : undefined;
  const contentType = body.contentType ?? metaType;
  const message: PactMessage = { description, states, rules: bodyRules(raw.matchingRules), raw };
  // Encoded (base64, non-JSON) content cannot be compared with a JSON payload.
  const encoded = isRecord(raw.contents) && raw.contents.encoded !== undefined && raw.contents.encoded !== false;
  if (body.content !== undefined && !encoded) message.content = body.content;
  if (contentType !== undefined) message.contentType = contentType;
  return message;
}

function parseInteraction(raw: Record<string, unknown>): PactInteraction | string {
  const description = typeof raw.description === 'string' ? raw.description : '';
  if (description === '') return 'has no description';
  const request = isRecord(raw.request) ? raw.request : undefined;
  const response = isRecord(raw.response) ? raw.response : undefined;
  if (!request || !response) return `"${description}" needs a request and a response`;
  const method = typeof request.method === 'string' ? request.method.toUpperCase() : '';
  if (!METHODS.has(method)) return `"${description}" has an unknown method ${JSON.stringify(request.method)}`;
  if (typeof request.path !== 'string' || !request.path.startsWith('/')) return `"${description}" needs a request path starting with /`;
  const status = typeof response.status === 'number' ? response.status : NaN;
  if (!Number.isInteger(status)) return `"${description}" needs a response status`;
  const states: string[] = [];
  if (Array.isArray(raw.providerStates)) {
    for (const s of raw.providerStates) if (isRecord(s) && typeof s.name === 'string') states.push(s.name);
  } else if (typeof raw.providerState === 'string') states.push(raw.providerState);
  const requestHeaders = headerMap(request.headers);
  const responseHeaders = headerMap(response.headers);
  const requestBody = bodyOf(request.body, requestHeaders);
  const responseBody = bodyOf(response.body, responseHeaders);
  const interaction: PactInteraction = {
    description,
    states,
    method: method as HttpMethod,
    path: request.path,
    query: queryMap(request.query),
    requestHeaders,
    status,
    responseHeaders,
    responseRules: bodyRules(response.matchingRules),
    raw,
  };
  if (requestBody.content !== undefined) interaction.requestBody = requestBody.content;
  if (requestBody.contentType) interaction.requestContentType = requestBody.contentType;
  if (responseBody.content !== undefined) interaction.responseBody = responseBody.content;
  if (responseBody.contentType) interaction.responseContentType = responseBody.contentType;
  return interaction;
}

function headerMap(value: unknown): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  if (!isRecord(value)) return out;
  for (const [key, v] of Object.entries(value)) {
    if (Array.isArray(v)) out[key.toLowerCase()] = v.map(String);
    else if (v !== undefined && v !== null) out[key.toLowerCase()] = String(v).split(/,\s*/);
  }
  return out;
}

function queryMap(value: unknown): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  if (typeof value === 'string') {
    for (const [k, v] of new URLSearchParams(value)) (out[k] ??= []).push(v);
    return out;
  }
  if (!isRecord(value)) return out;
  for (const [key, v] of Object.entries(value)) out[key] = Array.isArray(v) ? v.map(String) : [String(v)];
  return out;
}

/** V4 wraps bodies as `{ content, contentType, encoded }`; V3 has the JSON body inline. */
function bodyOf(value: unknown, headers: Record<string, string[]>): { content?: JsonValue; contentType?: string } {
  if (value === undefined) return {};
  const headerType = headers['content-type']?.[0];
  if (isRecord(value) && 'content' in value && ('contentType' in value || 'encoded' in value)) {
    const contentType = typeof value.contentType === 'string' ? value.contentType : headerType;
    const out: { content?: JsonValue; contentType?: string } = { content: value.content as JsonValue };
    if (contentType) out.contentType = contentType;
    return out;
  }
  const out: { content?: JsonValue; contentType?: string } = { content: value as JsonValue };
  if (headerType) out.contentType = headerType;
  return out;
}

/** Body matching rules, V3/V4 (`{ body: { path: { matchers } } }`) or V2 (`{ '$.body.path': { match } }`). */
function bodyRules(value: unknown): MatchingRules {
  const out: MatchingRules = {};
  if (!isRecord(value)) return out;
  if (isRecord(value.body)) {
    for (const [path, rule] of Object.entries(value.body)) {
      if (isRecord(rule) && Array.isArray(rule.matchers)) out[path] = rule.matchers.filter(isRecord) as PactMatcher[];
    }
    return out;
  }
  for (const [path, rule] of Object.entries(value)) {
    if (!path.startsWith('$.body') || !isRecord(rule) || typeof rule.match !== 'string') continue;
    out[`$${path.slice('$.body'.length)}`] = [rule as PactMatcher];
  }
  return out;
}
