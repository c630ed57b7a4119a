// Safe sampling: which methods driftwatch sends on its own, which it may repeat, and the refusal of the rest.
import type { Connector, EndpointConfig, HttpMethod, SampleFailure } from '../core/model.js';

/** RFC 9110 §9.2.1: methods that change nothing on the server. Only these are sent without `safe: true`. */
const SAFE_METHODS: ReadonlySet<HttpMethod> = new Set(['GET', 'HEAD', 'OPTIONS']);
/** RFC 9110 §9.2.2: methods whose repetition has the effect of one request. POST and PATCH are never repeated. */
const IDEMPOTENT_METHODS: ReadonlySet<HttpMethod> = new Set(['GET', 'HEAD', 'OPTIONS', 'PUT', 'DELETE']);

function isSafeMethod(method: HttpMethod): boolean {
  return SAFE_METHODS.has(method);
}

/** Whether a failed attempt may be sent again: a POST answered 503 may still have charged a card. */
function isIdempotent(method: HttpMethod): boolean {
  return IDEMPOTENT_METHODS.has(method);
}

/** A GraphQL query travels by POST but reads only: repeating it is as harmless as repeating a GET. */
export function mayRepeat(endpoint: EndpointConfig): boolean {
  return isIdempotent(endpoint.method) || endpoint.graphql?.operation === 'query';
}

/** `contracts/<name>/connector.yaml` when the file sits there, so the message reads the same on every machine. */
function fileLabel(connector: Connector): string {
  const tail = `contracts/${connector.name}/connector.yaml`;
  const file = connector.file.split('\\').join('/');
  return file.endsWith(tail) ? tail : file || `connector ${connector.name}`;
}

/**
 * The `config` failure of an endpoint whose method could change data at the vendor and that does not say
 * `safe: true`; undefined when it may be sent. Checked before any request of the run.
 */
export function unsafeRefusal(connector: Connector, endpoint: EndpointConfig, takenAt: string): SampleFailure | undefined {
  if (isSafeMethod(endpoint.method) || endpoint.safe) return undefined;
  const index = connector.endpoints.findIndex((e) => e.id === endpoint.id);
  const why =
    endpoint.graphql !== undefined
      ? 'a GraphQL mutation is not sent: driftwatch sends GraphQL queries, and a mutation only when the endpoint says safe: true (one that changes nothing at the vendor, such as a dry run)'
      : `${endpoint.method} is not sent: driftwatch samples only GET, HEAD and OPTIONS unless the endpoint says safe: true (a search or GraphQL query that changes nothing at the vendor)`;
  return {
    connector: connector.name,
    endpoint: endpoint.id,
    kind: 'config',
    message: `${fileLabel(connector)} endpoints[${index}] (${endpoint.id}): ${why}`,
    latencyMs: 0,
    attempts: 0,
    takenAt,
  };
}
