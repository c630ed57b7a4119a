// Defaults for what a connector sends: auth as written -> AuthConfig, endpoints as written -> EndpointConfig.
import type { AuthConfig, EndpointConfig, EndpointVariant, HttpMethod, PaginationConfig } from '../core/model.js';
import type { AuthInput, EndpointInput } from './define-connector.js';
import { normalizeGraphqlEndpoint } from '../graphql/normalize-endpoint.js';

/** Query values as they go on the wire: YAML numbers and booleans become strings. */
export function stringRecord(record: Record<string, string | number | boolean> | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(record ?? {})) out[key] = String(value);
  return out;
}

/** A variant without a name is called by its query (`status=refunded&limit=5`), which is what a reader needs to know. */
export function variantName(variant: { name?: string; query: Record<string, string | number | boolean> }, index: number): string {
  if (variant.name !== undefined) return variant.name;
  const text = Object.entries(variant.query)
    .map(([k, v]) => `${k}=${String(v)}`)
    .join('&');
  return text === '' ? `variant-${index + 1}` : text;
}

export function normalizeAuth(input: AuthInput | undefined): AuthConfig {
  if (!input) return { type: 'none' };
  if (input.type === 'oauth2-client-credentials' || input.type === 'oauth2-refresh-token') {
    return { ...input, ...(input.scopes ? { scopes: [...input.scopes] } : {}), clientAuth: input.clientAuth ?? 'basic' } as AuthConfig;
  }
  return { ...input };
}

function normalizePagination(input: EndpointInput['paginate']): PaginationConfig | undefined {
  if (input === undefined) return undefined;
  if (input === 'link') return { style: 'link' };
  return { style: 'cursor', cursor: input.cursor, param: input.param, ...(input.hasMore !== undefined ? { hasMore: input.hasMore } : {}) };
}

export function normalizeEndpoint(e: EndpointInput): EndpointConfig {
  if (e.kind === 'graphql') return normalizeGraphqlEndpoint(e);
  const variants: EndpointVariant[] = (e.variants ?? []).map((v, i) => ({
    name: variantName(v, i),
    query: stringRecord(v.query),
    ...(v.body !== undefined ? { body: v.body } : {}),
  }));
  const endpoint: EndpointConfig = {
    id: e.id,
    method: (e.method ?? 'GET') as HttpMethod,
    path: e.path,
    query: stringRecord(typeof e.query === 'string' ? undefined : e.query),
    headers: stringRecord(e.headers),
    expectStatus: e.expectStatus ?? 200,
    safe: e.safe ?? false,
    samples: e.samples ?? 1,
    pages: e.pages ?? 1,
    variants,
  };
  if (e.body !== undefined) endpoint.body = e.body;
  const hasBody = e.body !== undefined || variants.some((v) => v.body !== undefined);
  // A string body is sent as written; anything else is serialised as JSON.
  if (e.contentType !== undefined) endpoint.contentType = e.contentType;
  else if (hasBody) endpoint.contentType = typeof e.body === 'string' ? 'text/plain' : 'application/json';
  const paginate = normalizePagination(e.paginate);
  if (paginate) endpoint.paginate = paginate;
  return endpoint;
}
