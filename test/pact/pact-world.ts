// A small world for the verify tests: real pact files from PactV4, a drifting local vendor, snapshots in a temp root.
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { MatchersV3, PactV4 } from '@pact-foundation/pact';
import { stringify } from 'yaml';
import { writeSnapshot } from '../../src/app/snapshot-files.js';
import type { JsonValue, Sample } from '../../src/core/model.js';
import { buildSnapshot } from '../../src/core/snapshot.js';
import { connectorBody, makeTempRoot, type TempRoot } from '../helpers/temp-root.js';

export const TOKEN = 'sk_test_verify_0123456789abcdef';
export const TOKEN_ENV = 'ACME_API_KEY';

/** v1 is the accepted release; the others rename one field each: one the contract pins, one nobody reads. */
export type Release = 'v1' | 'pinned-renamed' | 'unpinned-renamed';

/** A page of 20 invoices: enough objects that a field gone from all of them is clear evidence of a removal. */
export function invoices(release: Release): JsonValue {
  const data = Array.from({ length: 20 }, (_, k) => k + 1).map((i) => {
    const row: Record<string, JsonValue> = { id: `inv_${String(i).padStart(4, '0')}`, currency: 'eur' };
    if (release === 'pinned-renamed') row.amount = 1000 * i;
    else row.amount_due = 1000 * i;
    if (release === 'unpinned-renamed') row.billing_email = `ap${i}@example.com`;
    else row.customer_email = `ap${i}@example.com`;
    return row;
  });
  return { object: 'list', has_more: false, data };
}

export const SPEC = {
  openapi: '3.1.0',
  info: { title: 'Acme', version: '1' },
  paths: {
    '/v1/invoices': {
      get: {
        responses: {
          '200': {
            description: 'a page',
            content: {
              'application/json': {
                schema: {
                  type: 'object',
                  properties: {
                    object: { type: 'string' },
                    has_more: { type: 'boolean' },
                    data: { type: 'array', items: { $ref: '#/components/schemas/Invoice' } },
                  },
                },
              },
            },
          },
        },
      },
    },
    '/v1/invoices/{id}/pay': {
      post: {
        parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
        responses: { '200': { description: 'paid', content: { 'application/json': { schema: { $ref: '#/components/schemas/Invoice' } } } } },
      },
    },
  },
  components: {
    schemas: {
      Invoice: {
        type: 'object',
        properties: {
          id: { type: 'string' },
          amount_due: { type: 'integer' },
          currency: { type: 'string' },
          customer_email: { type: ['string', 'null'] },
          status: { type: 'string' },
        },
      },
    },
  },
};

const { eachLike, integer, like, string } = MatchersV3;

/** Writes `<dir>/erp-sync-<provider>.json` with the real Pact core: what the consumer (an ERP sync) reads of Acme. */
export async function writeAcmePact(dir: string, provider: string): Promise<void> {
  const pact = new PactV4({ consumer: 'erp-sync', provider, dir, logLevel: 'error' });
  await pact
    .addInteraction()
    .given('invoices exist')
    .uponReceiving('a page of invoices')
    .withRequest('GET', '/v1/invoices')
    .willRespondWith(200, (b) => b.jsonBody({ has_more: like(false), data: eachLike({ id: string('inv_0001'), amount_due: integer(1250) }) }))
    .executeTest(async (mock) => {
      const page = (await (await fetch(`${mock.url}/v1/invoices`)).json()) as { data: Array<{ amount_due: number }> };
      if (page.data[0]?.amount_due !== 1250) throw new Error('client read the wrong amount');
    });
  await pact
    .addInteraction()
    .uponReceiving('mark an invoice paid')
    .withRequest('POST', '/v1/invoices/inv_0001/pay')
    .willRespondWith(200, (b) => b.jsonBody({ id: string('inv_0001'), status: string('paid') }))
    .executeTest(async (mock) => {
      await fetch(`${mock.url}/v1/invoices/inv_0001/pay`, { method: 'POST' });
    });
}

/** A pact for a refunds API the vendor's spec does not have. */
export async function writeGhostPact(dir: string, provider: string): Promise<void> {
  const pact = new PactV4({ consumer: 'erp-sync', provider, dir, logLevel: 'error' });
  await pact
    .addInteraction()
    .uponReceiving('one refund')
    .withRequest('GET', '/v1/refunds/re_0001')
    .willRespondWith(200, (b) => b.jsonBody({ id: string('re_0001') }))
    .executeTest(async (mock) => {
      await fetch(`${mock.url}/v1/refunds/re_0001`);
    });
}

export interface Vendor {
  url: string;
  release: Release;
  requests: Array<{ method: string; path: string; authorized: boolean }>;
  close(): Promise<void>;
}

export async function startAcme(): Promise<Vendor> {
  const vendor = { release: 'v1' as Release, requests: [] as Vendor['requests'] };
  const server: Server = createServer((req: IncomingMessage, res) => {
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    const authorized = req.headers.authorization === `Bearer ${TOKEN}`;
    vendor.requests.push({ method: req.method ?? 'GET', path, authorized });
    req.resume();
    res.setHeader('content-type', 'application/json');
    if (!authorized) {
      res.statusCode = 401;
      res.end(JSON.stringify({ error: 'unauthorized' }));
    } else if (req.method === 'GET' && path === '/v1/invoices') {
      res.end(JSON.stringify(invoices(vendor.release)));
    } else if (req.method === 'POST' && /^\/v1\/invoices\/[^/]+\/pay$/.test(path)) {
      res.end(JSON.stringify({ id: 'inv_0001', status: 'paid' }));
    } else {
      res.statusCode = 404;
      res.end(JSON.stringify({ error: 'not found' }));
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return Object.assign(vendor, {
    url,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  });
}

export function sampleOf(connector: string, endpoint: string, body: JsonValue): Sample {
  const text = JSON.stringify(body);
  return {
    connector,
    endpoint,
    method: 'GET',
    url: `http://vendor.example${endpoint}`,
    status: 200,
    contentType: 'application/json',
    headers: {},
    latencyMs: 3,
    sizeBytes: text.length,
    bodyHash: 'sha256-test',
    body,
    takenAt: '2026-11-01T00:00:00.000Z',
    attempts: 1,
  };
}

/** Accepts `release` as the snapshot of acme's list-invoices endpoint. */
export async function acceptRelease(root: string, connector: string, release: Release): Promise<void> {
  const snapshot = buildSnapshot({
    connector,
    endpoint: 'list-invoices',
    method: 'GET',
    path: '/v1/invoices',
    samples: [sampleOf(connector, 'list-invoices', invoices(release))],
    acceptedAt: '2026-11-01T00:00:00.000Z',
  });
  await writeSnapshot(root, snapshot);
}

/** A temp root with connector `name` pointed at `baseUrl`, Acme's spec beside it, and `extra` connector fields. */
export async function acmeRoot(name: string, baseUrl: string, extra: Record<string, unknown> = {}): Promise<TempRoot> {
  const root = await makeTempRoot('driftwatch-pact-');
  await root.writeConnector(
    name,
    connectorBody(baseUrl, [{ id: 'list-invoices', path: '/v1/invoices' }], {
      auth: { type: 'bearer', tokenEnv: TOKEN_ENV },
      spec: 'openapi.yaml',
      ...extra,
    }),
  );
  const { writeFile } = await import('node:fs/promises');
  await writeFile(join(root.dir, 'contracts', name, 'openapi.yaml'), stringify(SPEC), 'utf8');
  return root;
}
