// The live sampler against real local HTTP servers: samples, retries, timeouts, caps, classification, redaction.
import { createHash } from 'node:crypto';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { defineConnector, type ConnectorInput, type EndpointInput } from '../../src/config/define-connector.js';
import type { Connector, SampleFailure, SampleOutcome, Sample } from '../../src/core/model.js';
import { sampleConnector } from '../../src/sampler/sample-connector.js';
import { sampleEndpoint, type SamplerOptions } from '../../src/sampler/sample-endpoint.js';
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

/** Options with zero-cost waits; `sleeps` records every delay the sampler asked for. */
function fastOptions(extra: Partial<SamplerOptions> = {}): SamplerOptions & { sleeps: number[] } {
  const sleeps: number[] = [];
  return {
    env: {},
    now: () => NOW,
    random: () => 0.5,
    baseDelayMs: 10,
    sleep: async (ms) => {
      sleeps.push(ms);
    },
    sleeps,
    ...extra,
  };
}

async function sampleOne(server: VendorServer, endpoint: EndpointInput, extra: Partial<ConnectorInput> = {}, options = fastOptions()): Promise<SampleOutcome> {
  const connector = connectorFor(server.url, [endpoint], extra);
  return sampleEndpoint(connector, connector.endpoints[0]!, options);
}

function sampleOf(outcome: SampleOutcome): Sample {
  if (!outcome.ok) throw new Error(`expected a sample, got ${outcome.failure.kind}: ${outcome.failure.message}`);
  return outcome.sample;
}

function failureOf(outcome: SampleOutcome): SampleFailure {
  if (outcome.ok) throw new Error(`expected a failure, got a sample (${outcome.sample.status})`);
  return outcome.failure;
}

describe('sampleEndpoint: samples', () => {
  it('takes a JSON sample with the headers that matter, size, hash and clock time', async () => {
    const body = JSON.stringify({ data: [{ id: 'inv_1', amount_due: 1200 }], has_more: false });
    const server = await vendor({
      'GET /v1/invoices': (_req, res) => {
        res.writeHead(200, {
          'content-type': 'application/json; charset=utf-8',
          etag: 'W/"abc"',
          'x-api-version': '2024-06-01',
          'ratelimit-remaining': '99',
          'set-cookie': 'session=s3cr3t-cookie-value',
          'x-request-id': 'req_123',
          'content-length': Buffer.byteLength(body),
        });
        res.end(body);
      },
    });
    const outcome = await sampleOne(server, { id: 'list-invoices', path: '/invoices', query: { limit: 2 } }, { baseUrl: `${server.url}/v1` });
    const sample = sampleOf(outcome);
    expect(sample).toMatchObject({
      connector: 'acme',
      endpoint: 'list-invoices',
      method: 'GET',
      url: `${server.url}/v1/invoices?limit=2`,
      status: 200,
      contentType: 'application/json',
      sizeBytes: Buffer.byteLength(body),
      bodyHash: createHash('sha256').update(body).digest('hex'),
      body: { data: [{ id: 'inv_1', amount_due: 1200 }], has_more: false },
      takenAt: NOW.toISOString(),
      attempts: 1,
    });
    expect(sample.headers).toEqual({
      'content-type': 'application/json; charset=utf-8',
      etag: 'W/"abc"',
      'ratelimit-remaining': '99',
      'x-api-version': '2024-06-01',
    });
    expect(sample.latencyMs).toBeGreaterThanOrEqual(0);
    expect(server.requests).toHaveLength(1);
    expect(server.requests[0]!.path).toBe('/v1/invoices?limit=2');
    expect(server.requests[0]!.headers.accept).toBe('application/json');
  });

  it('keeps a status other than expectStatus as a sample when the body is JSON', async () => {
    const server = await vendor({ '/gone': (_req, res) => sendJson(res, 404, { error: 'not_found' }) });
    const sample = sampleOf(await sampleOne(server, { id: 'gone', path: '/gone' }));
    expect(sample.status).toBe(404);
    expect(sample.body).toEqual({ error: 'not_found' });
  });

  it('accepts +json types and JSON without a content-type', async () => {
    const server = await vendor({
      '/problem': (_req, res) => {
        res.writeHead(200, { 'content-type': 'application/vnd.acme+json' });
        res.end('{"ok":true}');
      },
      '/bare': (_req, res) => {
        res.removeHeader('content-type');
        res.writeHead(200);
        res.end('[1,2]');
      },
    });
    expect(sampleOf(await sampleOne(server, { id: 'p', path: '/problem' })).contentType).toBe('application/vnd.acme+json');
    const bare = sampleOf(await sampleOne(server, { id: 'b', path: '/bare' }));
    expect(bare.contentType).toBeNull();
    expect(bare.body).toEqual([1, 2]);
  });

  it('decompresses gzip and br bodies and hashes the decoded bytes', async () => {
    const body = JSON.stringify({ items: Array.from({ length: 50 }, (_, i) => ({ i })) });
    const server = await vendor({
      '/gz': (_req, res) => {
        res.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'gzip' });
        res.end(gzipSync(body));
      },
      '/br': (_req, res) => {
        res.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'br' });
        res.end(brotliCompressSync(body));
      },
    });
    for (const path of ['/gz', '/br']) {
      const sample = sampleOf(await sampleOne(server, { id: 'x', path }));
      expect(sample.sizeBytes).toBe(body.length);
      expect(sample.bodyHash).toBe(createHash('sha256').update(body).digest('hex'));
      expect((sample.body as { items: unknown[] }).items).toHaveLength(50);
    }
    expect(server.requests[0]!.headers['accept-encoding']).toBe('gzip, deflate, br');
  });

  it('follows a same-origin redirect', async () => {
    const server = await vendor({
      '/old': (_req, res) => {
        res.writeHead(301, { location: '/new' });
        res.end();
      },
      '/new': (_req, res) => sendJson(res, 200, { moved: true }),
    });
    const sample = sampleOf(await sampleOne(server, { id: 'x', path: '/old' }));
    expect(sample.body).toEqual({ moved: true });
    expect(server.requests.map((r) => r.path)).toEqual(['/old', '/new']);
  });
});

describe('sampleEndpoint: retries', () => {
  it('retries a 500 and succeeds on the second attempt after a jittered backoff', async () => {
    const server = await vendor({
      '/flaky': (_req, res, ctx) => (ctx.hit === 1 ? sendJson(res, 500, { error: 'boom' }) : sendJson(res, 200, { ok: true })),
    });
    const options = fastOptions();
    const sample = sampleOf(await sampleOne(server, { id: 'flaky', path: '/flaky' }, {}, options));
    expect(sample.attempts).toBe(2);
    expect(server.requests).toHaveLength(2);
    // Full jitter: random 0.5 x base 10 ms for the first retry.
    expect(options.sleeps).toEqual([5]);
  });

  it('gives up after 3 attempts on a persistent 5xx with an http-status failure', async () => {
    const server = await vendor({ '/down': (_req, res) => sendJson(res, 503, { error: 'maintenance' }) });
    const options = fastOptions();
    const failure = failureOf(await sampleOne(server, { id: 'down', path: '/down' }, {}, options));
    expect(failure).toMatchObject({ kind: 'http-status', status: 503, attempts: 3 });
    expect(failure.message).toContain('503');
    expect(server.requests).toHaveLength(3);
    expect(options.sleeps).toEqual([5, 10]);
  });

  it('honours Retry-After on a 429, in seconds and capped', async () => {
    const server = await vendor({
      '/limited': (_req, res, ctx) => (ctx.hit === 1 ? sendJson(res, 429, { error: 'slow down' }, { 'retry-after': '1' }) : sendJson(res, 200, { ok: 1 })),
      '/very-limited': (_req, res, ctx) =>
        ctx.hit === 1 ? sendJson(res, 429, {}, { 'retry-after': '3600' }) : sendJson(res, 200, { ok: 2 }),
    });
    const options = fastOptions();
    expect(sampleOf(await sampleOne(server, { id: 'a', path: '/limited' }, {}, options)).attempts).toBe(2);
    expect(options.sleeps).toEqual([1000]);

    const capped = fastOptions({ retryAfterCapMs: 2500 });
    expect(sampleOf(await sampleOne(server, { id: 'b', path: '/very-limited' }, {}, capped)).attempts).toBe(2);
    expect(capped.sleeps).toEqual([2500]);
  });

  it('does not retry 401 and 403: auth-rejected', async () => {
    const server = await vendor({
      '/401': (_req, res) => sendJson(res, 401, { error: 'invalid token' }),
      '/403': (_req, res) => sendJson(res, 403, { error: 'forbidden' }),
    });
    for (const status of [401, 403]) {
      const failure = failureOf(await sampleOne(server, { id: 'x', path: `/${status}` }));
      expect(failure).toMatchObject({ kind: 'auth-rejected', status, attempts: 1 });
    }
    expect(server.requests).toHaveLength(2);
  });
});

describe('sampleEndpoint: failures', () => {
  it('times out a vendor that never answers, per attempt', async () => {
    const server = await vendor({ '/hang': () => {} });
    const failure = failureOf(await sampleOne(server, { id: 'hang', path: '/hang' }, { timeoutMs: 150 }, fastOptions({ maxAttempts: 2 })));
    expect(failure).toMatchObject({ kind: 'timeout', attempts: 2 });
    expect(failure.message).toContain('150 ms');
    expect(server.requests).toHaveLength(2);
  });

  it('times out a body that stalls half-way', async () => {
    const server = await vendor({
      '/stall': (_req, res) => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.write('{"data": [');
      },
    });
    const failure = failureOf(await sampleOne(server, { id: 's', path: '/stall' }, { timeoutMs: 150 }, fastOptions({ maxAttempts: 1 })));
    expect(failure.kind).toBe('timeout');
  });

  it('times out a gzip body that stalls half-way (not a decoding error)', async () => {
    const gz = gzipSync(JSON.stringify({ data: Array.from({ length: 2000 }, (_, i) => ({ id: `row-${i}-${i * 7919}` })) }));
    const server = await vendor({
      '/stall-gz': (_req, res) => {
        res.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'gzip' });
        res.write(gz.subarray(0, Math.floor(gz.length / 2)));
      },
    });
    const failure = failureOf(await sampleOne(server, { id: 's', path: '/stall-gz' }, { timeoutMs: 150 }, fastOptions({ maxAttempts: 1 })));
    expect(failure.kind).toBe('timeout');
  });

  it('classifies a refused connection, after retrying it', async () => {
    const server = await startVendorServer({});
    const url = server.url;
    await server.close();
    const connector = connectorFor(url, [{ id: 'x', path: '/x' }]);
    const failure = failureOf(await sampleEndpoint(connector, connector.endpoints[0]!, fastOptions({ maxAttempts: 2 })));
    expect(failure).toMatchObject({ kind: 'connection', attempts: 2 });
    expect(failure.message).toContain('ECONNREFUSED');
  });

  it('classifies a TLS handshake failure without retrying it', async () => {
    const server = await vendor({ '/x': (_req, res) => sendJson(res, 200, {}) });
    // An https URL on a plain-HTTP server: the handshake fails for real.
    const connector = connectorFor(`https://127.0.0.1:${server.port}`, [{ id: 'x', path: '/x' }]);
    const failure = failureOf(await sampleEndpoint(connector, connector.endpoints[0]!, fastOptions()));
    expect(failure).toMatchObject({ kind: 'tls', attempts: 1 });
    expect(failure.message).toMatch(/TLS failure: ERR_SSL_/);
  });

  it('classifies malformed JSON and a non-JSON content type', async () => {
    const server = await vendor({
      '/broken': (_req, res) => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end('{"data": [1, 2,');
      },
      '/html': (_req, res) => {
        res.writeHead(200, { 'content-type': 'text/html' });
        res.end('<html>maintenance</html>');
      },
      '/html-404': (_req, res) => {
        res.writeHead(404, { 'content-type': 'text/html' });
        res.end('<html>not here</html>');
      },
    });
    expect(failureOf(await sampleOne(server, { id: 'a', path: '/broken' }))).toMatchObject({ kind: 'invalid-json', status: 200, attempts: 1 });
    const html = failureOf(await sampleOne(server, { id: 'b', path: '/html' }));
    expect(html).toMatchObject({ kind: 'content-type', status: 200 });
    expect(html.message).toContain('text/html');
    expect(failureOf(await sampleOne(server, { id: 'c', path: '/html-404' }))).toMatchObject({ kind: 'http-status', status: 404 });
  });

  it('classifies a corrupt gzip body and an unsupported content-encoding', async () => {
    const server = await vendor({
      '/corrupt': (_req, res) => {
        res.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'gzip' });
        res.end(Buffer.from('definitely not gzip'));
      },
      '/zstd': (_req, res) => {
        res.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'zstd' });
        res.end(Buffer.from('whatever'));
      },
    });
    const corrupt = failureOf(await sampleOne(server, { id: 'a', path: '/corrupt' }));
    expect(corrupt).toMatchObject({ kind: 'invalid-json', attempts: 1 });
    expect(corrupt.message).toContain('could not be decoded');
    const zstd = failureOf(await sampleOne(server, { id: 'b', path: '/zstd' }));
    expect(zstd.kind).toBe('content-type');
    expect(zstd.message).toContain('zstd');
  });

  it('stops reading a streamed body past maxBodyBytes and closes the socket', async () => {
    const MB = 1024 * 1024;
    let closedEarly = false;
    const server = await vendor({
      '/huge': async (_req, res, ctx) => {
        res.writeHead(200, { 'content-type': 'application/json' });
        const chunk = Buffer.alloc(64 * 1024, 0x20);
        // 1.5 MB right away, then wait: the rest of the 5 MB is only sent if the client is still reading.
        for (let sent = 0; sent < 1.5 * MB; sent += chunk.length) res.write(chunk);
        const closed = await Promise.race([ctx.aborted.then(() => true), new Promise<boolean>((r) => setTimeout(() => r(false), 5000))]);
        closedEarly = closed;
        if (!closed) {
          for (let sent = 1.5 * MB; sent < 5 * MB; sent += chunk.length) res.write(chunk);
          res.end();
        }
      },
    });
    const failure = failureOf(await sampleOne(server, { id: 'huge', path: '/huge' }, { maxBodyBytes: MB }));
    expect(failure).toMatchObject({ kind: 'too-large', attempts: 1 });
    await expect.poll(() => closedEarly).toBe(true);
    expect(server.clientAborts).toBe(1);
  });

  it('rejects a declared content-length over the cap without reading it', async () => {
    const server = await vendor({
      '/declared': (_req, res) => {
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': String(5 * 1024 * 1024) });
        res.write('[');
      },
    });
    const failure = failureOf(await sampleOne(server, { id: 'd', path: '/declared' }, { maxBodyBytes: 1024 * 1024 }));
    expect(failure.kind).toBe('too-large');
    expect(failure.message).toContain('content-length');
    await expect.poll(() => server.clientAborts).toBe(1);
  });

  it('catches a gzip bomb: the cap applies to decompressed bytes', async () => {
    const bomb = gzipSync(Buffer.alloc(16 * 1024 * 1024, 0x20));
    expect(bomb.length).toBeLessThan(64 * 1024);
    const server = await vendor({
      '/bomb': (_req, res) => {
        res.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'gzip', 'content-length': bomb.length });
        res.end(bomb);
      },
    });
    const failure = failureOf(await sampleOne(server, { id: 'bomb', path: '/bomb' }, { maxBodyBytes: 1024 * 1024 }));
    expect(failure.kind).toBe('too-large');
    expect(failure.message).toContain('decoded');
  });

  it('reports a redirect loop and refuses a cross-origin redirect', async () => {
    const other = await vendor({ '/steal': (_req, res) => sendJson(res, 200, {}) });
    const server = await vendor({
      '/loop': (_req, res) => {
        res.writeHead(302, { location: '/loop' });
        res.end();
      },
      '/away': (_req, res) => {
        res.writeHead(307, { location: `${other.url}/steal` });
        res.end();
      },
    });
    const loop = failureOf(await sampleOne(server, { id: 'loop', path: '/loop' }));
    expect(loop.kind).toBe('redirect');
    expect(server.requests).toHaveLength(6);
    const away = failureOf(await sampleOne(server, { id: 'away', path: '/away' }, { auth: { type: 'bearer', tokenEnv: 'T' } }, fastOptions({ env: { T: 'tok-0123456789' } })));
    expect(away.kind).toBe('redirect');
    expect(other.requests).toHaveLength(0);
  });

  it('fails auth-missing before any request when an env var is unset', async () => {
    const server = await vendor({ '/x': (_req, res) => sendJson(res, 200, {}) });
    const events: unknown[] = [];
    const failure = failureOf(
      await sampleOne(server, { id: 'x', path: '/x' }, { auth: { type: 'basic', usernameEnv: 'ACME_USER', passwordEnv: 'ACME_PASS' } }, fastOptions({
        env: { ACME_USER: 'me' },
        onProgress: (e) => events.push(e),
      })),
    );
    expect(failure).toMatchObject({ kind: 'auth-missing', attempts: 0 });
    expect(failure.message).toContain('ACME_PASS');
    expect(server.requests).toHaveLength(0);
    expect(events).toEqual([{ connector: 'acme', endpoint: 'x', outcome: 'auth-missing', attempt: 0 }]);
  });
});

describe('sampleEndpoint: auth and secrets', () => {
  it('sends bearer, header, query and basic credentials the way each type says', async () => {
    const server = await vendor({ '/who': (_req, res) => sendJson(res, 200, { ok: true }) });
    const env = { TOKEN: 'bearer-secret-1', KEY: 'header-secret-2', QKEY: 'query-secret-3', USER: 'svc', PASS: 'basic-secret-4' };
    const auths: ConnectorInput['auth'][] = [
      { type: 'bearer', tokenEnv: 'TOKEN' },
      { type: 'header', headerName: 'X-Api-Key', valueEnv: 'KEY' },
      { type: 'query', param: 'api_key', valueEnv: 'QKEY' },
      { type: 'basic', usernameEnv: 'USER', passwordEnv: 'PASS' },
    ];
    for (const auth of auths) sampleOf(await sampleOne(server, { id: 'who', path: '/who' }, { auth }, fastOptions({ env })));
    const [bearer, header, query, basic] = server.requests;
    expect(bearer!.headers.authorization).toBe('Bearer bearer-secret-1');
    expect(header!.headers['x-api-key']).toBe('header-secret-2');
    expect(query!.url.searchParams.get('api_key')).toBe('query-secret-3');
    expect(query!.headers.authorization).toBeUndefined();
    expect(basic!.headers.authorization).toBe(`Basic ${Buffer.from('svc:basic-secret-4').toString('base64')}`);
  });

  it('never lets a secret from the environment into the outcome, even when the vendor echoes it', async () => {
    const token = 'tok_live_8f3a9c2b7d1e';
    const echo: VendorRoutes[string] = (req, res) => {
      const seen = `${req.headers.authorization ?? ''} ${req.url ?? ''}`;
      sendJson(
        res,
        200,
        { echoed: seen, nested: { note: `your key is ${token}` }, list: [token], apiKey: token },
        { 'x-api-version': token, etag: `"${token}"`, 'x-echo': token },
      );
    };
    const server = await vendor({
      '/echo': echo,
      '/broken': (_req, res) => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(`{"token": "${token}", oops`);
      },
      '/fail': (_req, res) => sendJson(res, 500, { token }),
    });
    const env = { ACME_TOKEN: token };
    const outcomes: SampleOutcome[] = [];
    for (const auth of [
      { type: 'bearer', tokenEnv: 'ACME_TOKEN' },
      { type: 'query', param: 'key', valueEnv: 'ACME_TOKEN' },
    ] as const) {
      for (const path of ['/echo', '/broken', '/fail']) outcomes.push(await sampleOne(server, { id: 'e', path }, { auth }, fastOptions({ env })));
    }
    expect(outcomes.map((o) => (o.ok ? 'ok' : o.failure.kind))).toEqual(['ok', 'invalid-json', 'http-status', 'ok', 'invalid-json', 'http-status']);
    // The vendor really did receive (and echo) the secret: the redaction is what keeps it out.
    expect(server.requests.some((r) => r.headers.authorization === `Bearer ${token}`)).toBe(true);
    const text = JSON.stringify(outcomes);
    expect(text).not.toContain(token);
    expect(text).not.toContain(encodeURIComponent(token));
    const querySample = sampleOf(outcomes[3]!);
    expect(querySample.url).toBe(`${server.url}/echo?key=[REDACTED]`);
    expect(querySample.headers['x-api-version']).toBe('[REDACTED]');
    expect(querySample.headers['x-echo']).toBeUndefined();
  });
});

describe('sampleConnector', () => {
  it('caps requests in flight at the connector concurrency and keeps endpoint order', async () => {
    const server = await vendor({
      '/e/:n': async (_req, res, ctx) => {
        await new Promise((r) => setTimeout(r, 25));
        sendJson(res, 200, { n: Number(ctx.params.n) });
      },
    });
    const endpoints = Array.from({ length: 7 }, (_, i) => ({ id: `e${i}`, path: `/e/${i}` }));
    const connector = connectorFor(server.url, endpoints, { concurrency: 2 });
    const events: string[] = [];
    const outcomes = await sampleConnector(connector, fastOptions({ onProgress: (e) => events.push(`${e.endpoint}:${e.outcome}:${e.attempt}`) }));
    expect(outcomes.map((o) => (sampleOf(o).body as { n: number }).n)).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(server.maxInFlight).toBe(2);
    expect(events.sort()).toEqual(endpoints.map((e) => `${e.id}:ok:1`).sort());
  });

  it('samples only the endpoints asked for, and reports unknown ids as config failures', async () => {
    const server = await vendor({ '/e/:n': (_req, res, ctx) => sendJson(res, 200, { n: ctx.params.n }) });
    const connector = connectorFor(server.url, [
      { id: 'a', path: '/e/a' },
      { id: 'b', path: '/e/b' },
      { id: 'c', path: '/e/c' },
    ]);
    const outcomes = await sampleConnector(connector, { ...fastOptions(), endpoints: ['c', 'nope', 'a'] });
    expect(outcomes.map((o) => (o.ok ? o.sample.endpoint : `${o.failure.endpoint}:${o.failure.kind}`))).toEqual(['a', 'c', 'nope:config']);
    expect(server.requests.map((r) => r.path).sort()).toEqual(['/e/a', '/e/c']);
  });
});
