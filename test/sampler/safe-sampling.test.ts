// Safe sampling against real local servers: unsafe methods refused before any request, bodies sent, no repeated POSTs.
import { afterEach, describe, expect, it } from 'vitest';
import { defineConnector, type ConnectorInput, type EndpointInput } from '../../src/config/define-connector.js';
import type { Connector, SampleOutcome } from '../../src/core/model.js';
import { sampleConnector } from '../../src/sampler/sample-connector.js';
import { sampleEndpoint, type SamplerOptions } from '../../src/sampler/sample-endpoint.js';
import { sendJson, startVendorServer, type VendorRoutes, type VendorServer } from '../helpers/vendor-server.js';

const servers: VendorServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

async function vendor(routes: VendorRoutes): Promise<VendorServer> {
  const server = await startVendorServer(routes);
  servers.push(server);
  return server;
}

function connectorFor(baseUrl: string, endpoints: EndpointInput[], extra: Partial<ConnectorInput> = {}): Connector {
  return defineConnector({ name: 'acme', owner: { name: 'Ana' }, baseUrl, endpoints, ...extra }, { file: '/repo/contracts/acme/connector.yaml' });
}

const fast: SamplerOptions = { env: {}, random: () => 0.5, baseDelayMs: 1, sleep: async () => {} };

function kinds(outcomes: SampleOutcome[]): string[] {
  return outcomes.map((o) => (o.ok ? `${o.sample.endpoint}:${o.sample.status}` : `${o.failure.endpoint}:${o.failure.kind}`));
}

describe('safe sampling', () => {
  it('refuses POST, PUT, PATCH and DELETE without safe: true before any request (0 at the server)', async () => {
    const server = await vendor({ '/v1/things': (_req, res) => sendJson(res, 200, { ok: true }) });
    const unsafe = (['POST', 'PUT', 'PATCH', 'DELETE'] as const).map((method, i) => ({ id: `u${i}`, method, path: '/v1/things' }));
    const outcomes = await sampleConnector(connectorFor(server.url, unsafe), fast);
    expect(kinds(outcomes)).toEqual(['u0:config', 'u1:config', 'u2:config', 'u3:config']);
    expect(server.requests).toHaveLength(0);
    expect(outcomes[3]).toMatchObject({
      ok: false,
      failure: {
        attempts: 0,
        message:
          'contracts/acme/connector.yaml endpoints[3] (u3): DELETE is not sent: driftwatch samples only GET, HEAD and OPTIONS unless the endpoint says safe: true (a search or GraphQL query that changes nothing at the vendor)',
      },
    });
    // The one-endpoint entry point refuses the same way.
    const connector = connectorFor(server.url, unsafe);
    expect(await sampleEndpoint(connector, connector.endpoints[0]!, fast)).toMatchObject({ ok: false, failure: { kind: 'config' } });
    expect(server.requests).toHaveLength(0);
  });

  it('still samples the safe endpoints of the same connector', async () => {
    const server = await vendor({ '/v1/things': (_req, res) => sendJson(res, 200, { ok: true }) });
    const outcomes = await sampleConnector(connectorFor(server.url, [{ id: 'list', path: '/v1/things' }, { id: 'wipe', method: 'DELETE', path: '/v1/things' }]), fast);
    expect(kinds(outcomes)).toEqual(['list:200', 'wipe:config']);
    expect(server.requests.map((r) => r.method)).toEqual(['GET']);
  });

  it('sends a POST search marked safe with its JSON body and content type', async () => {
    const server = await vendor({ 'POST /v1/search': (req, res, ctx) => sendJson(res, 200, { got: JSON.parse(ctx.body) as unknown, type: req.headers['content-type'] }) });
    const endpoint: EndpointInput = { id: 'search', method: 'POST', safe: true, path: '/v1/search', body: { query: { status: 'open' }, limit: 2 } };
    const [outcome] = await sampleConnector(connectorFor(server.url, [endpoint]), fast);
    expect(outcome).toMatchObject({ ok: true, sample: { body: { got: { query: { status: 'open' }, limit: 2 }, type: 'application/json' } } });
  });

  it('sends a GraphQL query as a string body with its own content type, and a variant body in its place', async () => {
    const server = await vendor({ 'POST /graphql': (req, res, ctx) => sendJson(res, 200, { data: { echo: ctx.body, type: req.headers['content-type'] } }) });
    const query = 'query Invoice($id: ID!) { invoice(id: $id) { id } }';
    const endpoint: EndpointInput = {
      id: 'gql',
      method: 'POST',
      safe: true,
      path: '/graphql',
      contentType: 'application/graphql',
      body: query,
      variants: [{ name: 'other', query: {}, body: '{ ping }' }],
    };
    const outcomes = await sampleConnector(connectorFor(server.url, [endpoint]), fast);
    expect(outcomes.map((o) => (o.ok ? o.sample.body : null))).toEqual([
      { data: { echo: query, type: 'application/graphql' } },
      { data: { echo: '{ ping }', type: 'application/graphql' } },
    ]);
  });

  it('sends a POST answered 503 (or 429) once: a non-idempotent request is never repeated', async () => {
    const server = await vendor({
      'POST /v1/search': (_req, res) => sendJson(res, 503, { error: 'busy' }),
      'POST /v1/limited': (_req, res) => sendJson(res, 429, { error: 'slow' }),
    });
    const outcomes = await sampleConnector(
      connectorFor(server.url, [
        { id: 'search', method: 'POST', safe: true, path: '/v1/search', body: {} },
        { id: 'limited', method: 'POST', safe: true, path: '/v1/limited', body: {} },
      ]),
      fast,
    );
    expect(kinds(outcomes)).toEqual(['search:http-status', 'limited:http-status']);
    expect(server.requests.map((r) => r.path)).toEqual(['/v1/search', '/v1/limited']);
    expect(outcomes[0]).toMatchObject({ ok: false, failure: { attempts: 1 } });
    if (!outcomes[0]!.ok) expect(outcomes[0]!.failure.message).toContain('(not retried: the method is not idempotent)');
  });

  it('retries an idempotent PUT marked safe, like a GET', async () => {
    const server = await vendor({ 'PUT /v1/thing': (_req, res, ctx) => (ctx.hit < 3 ? sendJson(res, 503, {}) : sendJson(res, 200, { ok: true })) });
    const [outcome] = await sampleConnector(connectorFor(server.url, [{ id: 'put', method: 'PUT', safe: true, path: '/v1/thing', body: { a: 1 } }]), fast);
    expect(outcome).toMatchObject({ ok: true, sample: { attempts: 3 } });
  });
});
