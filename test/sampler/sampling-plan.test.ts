// Seeing more of a vendor per run, against real local servers: samples, variants, Link and cursor pagination, pacing.
import { afterEach, describe, expect, it } from 'vitest';
import { defineConnector, type ConnectorInput, type EndpointInput } from '../../src/config/define-connector.js';
import type { Connector, SampleOutcome } from '../../src/core/model.js';
import { sampleConnector } from '../../src/sampler/sample-connector.js';
import type { SamplerOptions } from '../../src/sampler/sample-endpoint.js';
import { sendJson, startVendorServer, type VendorRoutes, type VendorServer } from '../helpers/vendor-server.js';

const NOW = new Date('2026-11-23T10:00:00.000Z');
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
  return defineConnector({ name: 'acme', owner: { name: 'Ana' }, baseUrl, endpoints, ...extra });
}

function fast(extra: Partial<SamplerOptions> = {}): SamplerOptions & { sleeps: number[] } {
  const sleeps: number[] = [];
  return { env: {}, now: () => NOW, random: () => 0.5, baseDelayMs: 1, sleep: async (ms) => void sleeps.push(ms), sleeps, ...extra };
}

/** (endpoint, variant, page, status) of each outcome, in order. */
function rows(outcomes: SampleOutcome[]): string[] {
  return outcomes.map((o) => {
    const s = o.ok ? o.sample : o.failure;
    return [s.endpoint, s.variant ?? '-', s.page ?? '-', o.ok ? o.sample.status : o.failure.kind].join(' ');
  });
}

/** A list of 7 invoices served `limit` at a time, with Link headers or a cursor. */
function invoicePages(style: 'link' | 'cursor' | 'stripe') {
  const all = Array.from({ length: 7 }, (_, i) => ({ id: `inv_${i + 1}`, status: i === 5 ? 'refunded' : 'paid' }));
  return (req: unknown, res: import('node:http').ServerResponse, ctx: { url: URL }): void => {
    const limit = Number(ctx.url.searchParams.get('limit') ?? '3');
    const after = ctx.url.searchParams.get(style === 'stripe' ? 'starting_after' : 'cursor');
    const start = after === null ? 0 : all.findIndex((x) => x.id === after) + 1;
    const data = all.slice(start, start + limit);
    const last = data.at(-1)?.id;
    const more = start + limit < all.length;
    if (style === 'link') {
      const headers: Record<string, string> = more ? { link: `</v1/invoices?limit=${limit}&cursor=${last}>; rel="next", </v1/invoices?limit=${limit}>; rel="first"` } : {};
      return sendJson(res, 200, { data }, headers);
    }
    if (style === 'stripe') return sendJson(res, 200, { object: 'list', data, has_more: more });
    sendJson(res, 200, { data, meta: { next_cursor: more ? last : null } });
  };
}

describe('samples and variants', () => {
  it('sends `samples` requests per run and each variant with its query over the endpoint query, annotated', async () => {
    const server = await vendor({ 'GET /v1/invoices': (_req, res, ctx) => sendJson(res, 200, { data: [], status: ctx.url.searchParams.get('status') }) });
    const connector = connectorFor(server.url, [
      {
        id: 'invoices',
        path: '/v1/invoices',
        query: { limit: 5, status: 'paid' },
        samples: 2,
        variants: [{ name: 'refunded', query: { status: 'refunded' } }, { query: { status: 'void', expand: 'lines' } }],
      },
    ]);
    const outcomes = await sampleConnector(connector, fast());
    expect(rows(outcomes)).toEqual([
      'invoices - - 200',
      'invoices - - 200',
      'invoices refunded - 200',
      'invoices refunded - 200',
      'invoices status=void&expand=lines - 200',
      'invoices status=void&expand=lines - 200',
    ]);
    expect(server.requests.map((r) => r.path).sort()).toEqual([
      '/v1/invoices?limit=5&status=paid',
      '/v1/invoices?limit=5&status=paid',
      '/v1/invoices?limit=5&status=refunded',
      '/v1/invoices?limit=5&status=refunded',
      '/v1/invoices?limit=5&status=void&expand=lines',
      '/v1/invoices?limit=5&status=void&expand=lines',
    ]);
  });

  it('takes at least minSamples of every endpoint and variant (accept --samples)', async () => {
    const server = await vendor({ '/v1/a': (_req, res) => sendJson(res, 200, { ok: true }) });
    const connector = connectorFor(server.url, [{ id: 'a', path: '/v1/a', variants: [{ name: 'v', query: { x: 1 } }] }]);
    expect(await sampleConnector(connector, fast({ minSamples: 3 }))).toHaveLength(6);
  });

  it('keeps every request of the run within the connector concurrency, and results in endpoint order', async () => {
    const server = await vendor({
      '/v1/:name': async (_req, res, ctx) => {
        await new Promise((resolve) => setImmediate(resolve));
        sendJson(res, 200, { name: ctx.params.name });
      },
    });
    const endpoints = ['a', 'b', 'c'].map((id) => ({ id, path: `/v1/${id}`, samples: 4, variants: [{ name: 'v', query: { v: 1 } }] }));
    const outcomes = await sampleConnector(connectorFor(server.url, endpoints, { concurrency: 3 }), fast());
    expect(outcomes).toHaveLength(24);
    expect(outcomes.map((o) => (o.ok ? o.sample.endpoint : '?')).join('')).toBe('a'.repeat(8) + 'b'.repeat(8) + 'c'.repeat(8));
    expect(server.maxInFlight).toBeLessThanOrEqual(3);
    expect(server.maxInFlight).toBeGreaterThan(1);
  });
});

describe('pagination', () => {
  it('follows Link rel="next" up to `pages`, numbering each page', async () => {
    const server = await vendor({ 'GET /v1/invoices': invoicePages('link') });
    const connector = connectorFor(server.url, [{ id: 'invoices', path: '/v1/invoices', query: { limit: 2 }, pages: 3, paginate: 'link' }]);
    const outcomes = await sampleConnector(connector, fast());
    expect(rows(outcomes)).toEqual(['invoices - 1 200', 'invoices - 2 200', 'invoices - 3 200']);
    expect(server.requests.map((r) => r.path)).toEqual(['/v1/invoices?limit=2', '/v1/invoices?limit=2&cursor=inv_2', '/v1/invoices?limit=2&cursor=inv_4']);
  });

  it('stops at the last page when there is no next link', async () => {
    const server = await vendor({ 'GET /v1/invoices': invoicePages('link') });
    const connector = connectorFor(server.url, [{ id: 'invoices', path: '/v1/invoices', query: { limit: 3 }, pages: 10, paginate: 'link' }]);
    expect(rows(await sampleConnector(connector, fast()))).toEqual(['invoices - 1 200', 'invoices - 2 200', 'invoices - 3 200']);
  });

  it('refuses a next link on another origin (it would receive the credentials) and says so', async () => {
    const server = await vendor({ 'GET /v1/list': (_req, res) => sendJson(res, 200, { data: [] }, { link: '<https://evil.example/v1/list?page=2>; rel="next"' }) });
    const connector = connectorFor(server.url, [{ id: 'list', path: '/v1/list', pages: 3, paginate: 'link' }]);
    const outcomes = await sampleConnector(connector, fast());
    expect(rows(outcomes)).toEqual(['list - 1 200', 'list - 2 redirect']);
    expect(outcomes[1]).toMatchObject({ ok: false, failure: { message: 'GET /v1/list page 2: the Link rel="next" target is on another origin (https://evil.example): not followed' } });
    expect(server.requests).toHaveLength(1);
  });

  it('follows a cursor field, and Stripe-style `starting_after` from the last id while has_more', async () => {
    const cursor = await vendor({ 'GET /v1/invoices': invoicePages('cursor') });
    const byCursor = connectorFor(cursor.url, [{ id: 'invoices', path: '/v1/invoices', query: { limit: 3 }, pages: 5, paginate: { cursor: '$.meta.next_cursor', param: 'cursor' } }]);
    expect(rows(await sampleConnector(byCursor, fast()))).toEqual(['invoices - 1 200', 'invoices - 2 200', 'invoices - 3 200']);
    expect(cursor.requests.map((r) => r.url.searchParams.get('cursor'))).toEqual([null, 'inv_3', 'inv_6']);

    const stripe = await vendor({ 'GET /v1/invoices': invoicePages('stripe') });
    const byLastId = connectorFor(stripe.url, [
      { id: 'invoices', path: '/v1/invoices', query: { limit: 3 }, pages: 5, paginate: { cursor: '$.data[-1].id', param: 'starting_after', hasMore: '$.has_more' } },
    ]);
    expect(rows(await sampleConnector(byLastId, fast()))).toEqual(['invoices - 1 200', 'invoices - 2 200', 'invoices - 3 200']);
    expect(stripe.requests.map((r) => r.url.searchParams.get('starting_after'))).toEqual([null, 'inv_3', 'inv_6']);
  });

  it('stops when a vendor hands out the same cursor again', async () => {
    const server = await vendor({ 'GET /v1/loop': (_req, res) => sendJson(res, 200, { data: [1], next: 'again' }) });
    const connector = connectorFor(server.url, [{ id: 'loop', path: '/v1/loop', pages: 50, paginate: { cursor: 'next', param: 'after' } }]);
    expect(rows(await sampleConnector(connector, fast()))).toEqual(['loop - 1 200', 'loop - 2 200']);
  });

  it('paginates each variant and sample on its own', async () => {
    const server = await vendor({ 'GET /v1/invoices': invoicePages('link') });
    const connector = connectorFor(server.url, [
      { id: 'invoices', path: '/v1/invoices', query: { limit: 3 }, pages: 2, paginate: 'link', variants: [{ name: 'small', query: { limit: 2 } }] },
    ]);
    expect(rows(await sampleConnector(connector, fast()))).toEqual(['invoices - 1 200', 'invoices - 2 200', 'invoices small 1 200', 'invoices small 2 200']);
  });
});

describe('Retry-After across the connector', () => {
  it('a request that may not be retried still pauses the next request of the connector for the Retry-After', async () => {
    let paused = false;
    let release: () => void = () => {};
    const released = new Promise<void>((resolve) => (release = resolve));
    const sleeps: number[] = [];
    const arrivals: Array<{ path: string; paused: boolean }> = [];
    const server = await vendor({
      'POST /v1/search': (_req, res) => {
        arrivals.push({ path: '/v1/search', paused });
        sendJson(res, 429, { error: 'slow down' }, { 'retry-after': '3' });
      },
      'GET /v1/items': (_req, res) => {
        arrivals.push({ path: '/v1/items', paused });
        sendJson(res, 200, { data: [] });
      },
    });
    const connector = connectorFor(
      server.url,
      [
        { id: 'search', method: 'POST', safe: true, path: '/v1/search', body: { q: 'x' } },
        { id: 'items', path: '/v1/items' },
      ],
      { concurrency: 1 },
    );
    const sleep = (ms: number): Promise<void> => {
      sleeps.push(ms);
      paused = true;
      return released.then(() => void (paused = false));
    };
    const run = sampleConnector(connector, { env: {}, now: () => NOW, random: () => 0.5, sleep });
    await expect.poll(() => sleeps.length).toBe(1);
    release();
    const outcomes = await run;
    expect(rows(outcomes)).toEqual(['search - - http-status', 'items - - 200']);
    expect(sleeps).toEqual([3000]);
    // The POST was sent once; the GET only after the pause the vendor asked for.
    expect(arrivals).toEqual([
      { path: '/v1/search', paused: false },
      { path: '/v1/items', paused: false },
    ]);
  });
});
