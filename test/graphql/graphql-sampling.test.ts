// Sampling GraphQL endpoints against real local servers: errors are failures with the vendor's words, queries may be
// repeated and mutations never, an unsafe mutation is refused with 0 requests, introspection may be refused.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graphqlCheck } from '../../src/app/checks/graphql-check.js';
import { defineConnector, type EndpointInput } from '../../src/config/define-connector.js';
import type { Connector, SampleOutcome } from '../../src/core/model.js';
import { acceptGraphqlSchemas } from '../../src/graphql/accept-schema.js';
import { sampleConnector } from '../../src/sampler/sample-connector.js';
import type { SamplerOptions } from '../../src/sampler/sample-endpoint.js';
import { makeTempRoot, type TempRoot } from '../helpers/temp-root.js';
import { sendJson, startVendorServer } from '../helpers/vendor-server.js';
import { startGraphqlVendor, V1_SDL, v1Data, type GraphqlVendor } from './graphql-vendor.js';

const fast: SamplerOptions = { env: {}, random: () => 0.5, baseDelayMs: 1, sleep: async () => {} };
const NOW = new Date('2026-11-23T09:00:00Z');

function connector(baseUrl: string, endpoints: EndpointInput[], dir = ''): Connector {
  return defineConnector({ name: 'ledger', owner: { name: 'Ana' }, baseUrl, endpoints }, dir ? { file: `${dir}/connector.yaml`, dir } : { file: '/repo/contracts/ledger/connector.yaml' });
}
const gql = (id: string, query: string, extra: Partial<EndpointInput> = {}): EndpointInput => ({ id, kind: 'graphql', path: '/graphql', query, ...extra });
const failures = (outcomes: SampleOutcome[]) => outcomes.flatMap((o) => (o.ok ? [] : [o.failure]));

describe('GraphQL answers', () => {
  let vendor: GraphqlVendor;
  beforeAll(async () => {
    vendor = await startGraphqlVendor();
  });
  afterAll(() => vendor.close());

  it('errors make the sample a failure with their messages and paths; partial data is never the shape', async () => {
    vendor.release(`${V1_SDL} extend type Query { broken: [Invoice!] }`, { ...v1Data(), broken: () => { throw new Error('ledger shard 3 is read-only'); } });
    const outcomes = await sampleConnector(
      connector(vendor.url, [gql('invalid', '{ invoices { id totl } }'), gql('partial', '{ invoices { id } broken { id } }'), gql('fine', '{ plans { name } }')]),
      fast,
    );
    expect(failures(outcomes)).toEqual([
      expect.objectContaining({ endpoint: 'invalid', kind: 'graphql-errors', message: expect.stringContaining('GraphQL errors: Cannot query field "totl" on type "Invoice".') }),
      expect.objectContaining({ endpoint: 'partial', kind: 'graphql-errors', message: expect.stringContaining('ledger shard 3 is read-only (at broken)') }),
    ]);
    const fine = outcomes.find((o) => o.ok)!;
    expect(fine.ok && fine.sample.body).toEqual({ plans: [{ name: 'Team' }] });
    vendor.release(V1_SDL, v1Data());
  });

  it('an answer that is not a GraphQL response is not learned', async () => {
    const server = await startVendorServer({ 'POST /graphql': (_req, res) => sendJson(res, 200, { invoices: [] }) });
    try {
      const [outcome] = await sampleConnector(connector(server.url, [gql('q', '{ invoices { id } }')]), fast);
      expect(outcome).toMatchObject({ ok: false, failure: { kind: 'invalid-json', message: expect.stringContaining('not a GraphQL response') } });
    } finally {
      await server.close();
    }
  });
});

describe('GraphQL safety', () => {
  it('a mutation without safe: true is refused before any request: 0 at the server', async () => {
    const server = await startVendorServer({ '/graphql': (_req, res) => sendJson(res, 200, { data: {} }) });
    try {
      const outcomes = await sampleConnector(connector(server.url, [gql('void', 'mutation { voidInvoice(id: "inv_1") { id } }')]), fast);
      expect(failures(outcomes)).toEqual([
        expect.objectContaining({
          kind: 'config',
          attempts: 0,
          message:
            'contracts/ledger/connector.yaml endpoints[0] (void): a GraphQL mutation is not sent: driftwatch sends GraphQL queries, and a mutation only when the endpoint says safe: true (one that changes nothing at the vendor, such as a dry run)',
        }),
      ]);
      expect(server.requests).toHaveLength(0);
    } finally {
      await server.close();
    }
  });

  it('a query answered 503 is repeated like a GET; a safe: true mutation is sent once', async () => {
    const server = await startVendorServer({
      'POST /graphql': (_req, res, ctx) => (ctx.hit === 1 ? sendJson(res, 503, { errors: [{ message: 'busy' }] }) : sendJson(res, 200, { data: { plans: [] } })),
    });
    try {
      const [query] = await sampleConnector(connector(server.url, [gql('q', '{ plans { id } }')]), fast);
      expect(query).toMatchObject({ ok: true, sample: { attempts: 2, body: { plans: [] } } });
      server.route('POST /graphql', (_req, res) => sendJson(res, 503, { errors: [{ message: 'busy' }] }));
      const before = server.requests.length;
      const [mutation] = await sampleConnector(connector(server.url, [gql('m', 'mutation { preview { id } }', { safe: true })]), fast);
      expect(mutation).toMatchObject({ ok: false, failure: { kind: 'http-status', attempts: 1, message: expect.stringContaining('not retried: the method is not idempotent') } });
      expect(server.requests.length - before).toBe(1);
    } finally {
      await server.close();
    }
  });
});

describe('the schema watch when introspection is refused', () => {
  let vendor: GraphqlVendor;
  let root: TempRoot;
  beforeAll(async () => {
    [vendor, root] = await Promise.all([startGraphqlVendor(), makeTempRoot('driftwatch-graphql-introspection-')]);
  });
  afterAll(async () => {
    await vendor.close();
    await root.cleanup();
  });

  it('accept and the check say why, naming the path; the samples are still taken', async () => {
    vendor.introspection = false;
    const c = connector(vendor.url, [gql('plans', '{ plans { id } }')], `${root.dir}/contracts/ledger`);
    const accepted = await acceptGraphqlSchemas(c, { env: {}, now: () => NOW });
    expect(accepted.pinned).toEqual([]);
    expect(accepted.errors).toEqual([expect.objectContaining({ kind: 'graphql-errors', message: expect.stringMatching(/^the GraphQL schema at \/graphql was not pinned: .*introspection/i) })]);

    vendor.introspection = true;
    expect((await acceptGraphqlSchemas(c, { env: {}, now: () => NOW })).pinned).toHaveLength(1);
    vendor.introspection = false;
    const outcomes = await sampleConnector(c, fast);
    expect(outcomes.every((o) => o.ok)).toBe(true);
    const output = await graphqlCheck.run({ root: root.dir, connector: c, outcomes, env: {}, now: NOW });
    expect(output.observations).toEqual([]);
    expect(output.observed).toEqual([]);
    expect(output.errors).toEqual([
      expect.objectContaining({ kind: 'graphql-errors', message: expect.stringContaining('the GraphQL schema at /graphql could not be read by introspection, so it was not compared this run') }),
    ]);
  });
});
