// What the consumer's pacts pin: interactions mapped to a connector's endpoints, and the JSONPaths each one relies on.
import { childPath, itemsPath } from '../core/jsonpath.js';
import type { Connector, EndpointConfig, HttpMethod, JsonValue } from '../core/model.js';
import { normalizePath, type ConsumerUsage } from '../core/usage.js';
import type { MatchingRules, PactFile, PactInteraction, PactMatcher } from './pact-file.js';
import { messageEventType } from './messages.js';

export interface EndpointUsage {
  endpoint: string;
  interactions: PactInteraction[];
  /** Every body path some interaction expects (parents included), arrays written `[*]`. */
  pinned: Set<string>;
}

export interface ContractUsage {
  connector: string;
  /** False when no pact names this connector as its provider: then nothing is downgraded. */
  hasPacts: boolean;
  endpoints: Map<string, EndpointUsage>;
  /** Interactions no endpoint of the connector answers (still checked against the spec). */
  unmapped: PactInteraction[];
  /** Per event place (`event:<type>`), the payload paths the message interactions expect. */
  events: Map<string, Set<string>>;
}


/** The body paths a consumer relies on: Pact requires every key of the expected body to be present in the actual one. */
export function pinnedPaths(body: JsonValue | undefined, path = '$', into: Set<string> = new Set()): Set<string> {
  if (body === undefined) return into;
  into.add(path);
  if (Array.isArray(body)) {
    for (const item of body) pinnedPaths(item, itemsPath(path), into);
  } else if (body !== null && typeof body === 'object') {
    for (const [key, value] of Object.entries(body)) pinnedPaths(value, childPath(path, key), into);
  }
  return into;
}

/** The matchers that apply at `path` (rule keys are normalised the same way as paths). */
export function matchersAt(rules: MatchingRules, path: string): PactMatcher[] {
  const want = normalizePath(path);
  const out: PactMatcher[] = [];
  for (const [key, matchers] of Object.entries(rules)) if (normalizePath(key) === want) out.push(...matchers);
  return out;
}


/** A path segment that is an identifier (a number, `inv_0004`, a UUID), not a resource name. */
function looksLikeId(segment: string): boolean {
  return /\d/.test(segment) || /^\{[^}]+\}$/.test(segment) || /^:[A-Za-z_]/.test(segment);
}

/**
 * Whether a pact's request path is the same operation as an endpoint's path. Equal segments match; differing
 * segments match only when both look like identifiers (`/v1/invoices/inv_0001` vs `/v1/invoices/inv_0004`), or
 * when a spec template says that position is a parameter.
 */
export function samePath(a: string, b: string, templates: readonly string[] = []): boolean {
  const sa = splitPath(a);
  const sb = splitPath(b);
  if (sa.length !== sb.length) return false;
  if (sa.every((s, i) => s === sb[i] || (looksLikeId(s) && looksLikeId(sb[i]!)))) return true;
  return templates.some((t) => templateMatches(t, sa) && templateMatches(t, sb));
}

function splitPath(path: string): string[] {
  const bare = path.split('?')[0] ?? path;
  return bare.split('/').filter((s) => s !== '');
}

function templateMatches(template: string, segments: readonly string[]): boolean {
  const st = splitPath(template);
  return st.length === segments.length && st.every((s, i) => /^\{[^}]+\}$/.test(s) || s === segments[i]);
}

export function endpointFor(
  endpoints: readonly EndpointConfig[],
  method: HttpMethod,
  path: string,
  templates: readonly string[] = [],
): EndpointConfig | undefined {
  const sameMethod = endpoints.filter((e) => e.method === method);
  return sameMethod.find((e) => e.path === path) ?? sameMethod.find((e) => samePath(e.path, path, templates));
}

/** Maps every interaction of the connector's pacts to the endpoint that answers it. */
export function contractUsage(connector: Connector, pacts: readonly PactFile[], templates: readonly string[] = []): ContractUsage {
  const mine = pacts.filter((p) => p.provider === connector.name);
  const usage: ContractUsage = { connector: connector.name, hasPacts: mine.length > 0, endpoints: new Map(), unmapped: [], events: new Map() };
  for (const pact of mine) {
    // A message interaction pins the payload of its event type as a response interaction pins a body.
    for (const message of pact.messages) {
      const expected = messageEventType(connector, message);
      if (!('type' in expected)) continue;
      const place = `event:${expected.type}`;
      const pinned = usage.events.get(place) ?? new Set<string>();
      usage.events.set(place, pinnedPaths(message.content, '$', pinned));
    }
    for (const interaction of pact.interactions) {
      const endpoint = endpointFor(connector.endpoints, interaction.method, interaction.path, templates);
      if (!endpoint) {
        usage.unmapped.push(interaction);
        continue;
      }
      let entry = usage.endpoints.get(endpoint.id);
      if (!entry) {
        entry = { endpoint: endpoint.id, interactions: [], pinned: new Set() };
        usage.endpoints.set(endpoint.id, entry);
      }
      entry.interactions.push(interaction);
      // Only a success body describes the data the endpoint serves; an expected error body pins nothing of it.
      if (interaction.status < 300) pinnedPaths(interaction.responseBody, '$', entry.pinned);
    }
  }
  return usage;
}

/** What the core's severity policy needs of a connector's contracts: the pinned body paths per endpoint. */
export function consumerUsage(usage: ContractUsage): ConsumerUsage {
  return { hasPacts: usage.hasPacts, pinned: new Map([...[...usage.endpoints].map(([id, e]) => [id, e.pinned] as const), ...usage.events]) };
}
