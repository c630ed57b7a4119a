// Small hand-built pact interactions and specs for the pure tests (the integration tests use real PactV4 files).
import type { HttpMethod, JsonValue } from '../../src/core/model.js';
import type { MatchingRules, PactFile, PactInteraction } from '../../src/pact/pact-file.js';

export function interactionOf(input: {
  description: string;
  method?: HttpMethod;
  path?: string;
  status?: number;
  body?: JsonValue;
  rules?: MatchingRules;
}): PactInteraction {
  const method = input.method ?? 'GET';
  const path = input.path ?? '/v1/invoices';
  const status = input.status ?? 200;
  const raw: Record<string, unknown> = {
    type: 'Synchronous/HTTP',
    description: input.description,
    request: { method, path },
    response: {
      status,
      headers: { 'Content-Type': ['application/json'] },
      ...(input.body !== undefined ? { body: { content: input.body, contentType: 'application/json', encoded: false } } : {}),
    },
  };
  const interaction: PactInteraction = {
    description: input.description,
    states: [],
    method,
    path,
    query: {},
    requestHeaders: {},
    status,
    responseHeaders: { 'content-type': ['application/json'] },
    responseContentType: 'application/json',
    responseRules: input.rules ?? {},
    raw,
  };
  if (input.body !== undefined) interaction.responseBody = input.body;
  return interaction;
}

export function pactOf(interactions: PactInteraction[], provider = 'billing'): PactFile {
  return {
    file: '/tmp/pact.json',
    consumer: 'erp-sync',
    provider,
    specVersion: '4.0',
    interactions,
    messages: [],
    unsupported: [],
    raw: {
      consumer: { name: 'erp-sync' },
      provider: { name: provider },
      interactions: interactions.map((i) => i.raw),
      metadata: { pactSpecification: { version: '4.0' } },
    },
  };
}

/** A one-operation vendor spec: GET /v1/invoices/{id} -> 200 Invoice | 404. */
export function tinySpec(openapi: '3.0.3' | '3.1.0'): Record<string, unknown> {
  return {
    openapi,
    info: { title: 'Ledgerly', version: '1' },
    paths: {
      '/v1/invoices/{id}': {
        get: {
          parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
          responses: {
            '200': { description: 'ok', content: { 'application/json': { schema: { $ref: '#/components/schemas/Invoice' } } } },
            '404': { description: 'missing', content: { 'application/json': { schema: { type: 'object' } } } },
          },
        },
      },
    },
    components: {
      schemas: {
        Invoice: {
          type: 'object',
          required: ['id', 'amount_due'],
          properties: { id: { type: 'string' }, amount_due: { type: 'integer' }, customer_email: { type: 'string' } },
        },
      },
    },
  };
}
