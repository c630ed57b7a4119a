// Bodies that are not a shape to learn, against real local servers: outage-shaped 2xx answers and hostile bodies.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scan } from '../../src/app/scan.js';
import { defineConnector, type ConnectorInput, type EndpointInput } from '../../src/config/define-connector.js';
import type { Connector, SampleOutcome } from '../../src/core/model.js';
import { isOperationalFailure } from '../../src/schedule/circuit-breaker.js';
import { sampleConnector } from '../../src/sampler/sample-connector.js';
import { openStore } from '../../src/store/open-store.js';
import { connectorBody, makeTempRoot, type TempRoot } from '../helpers/temp-root.js';
import { sendJson, startVendorServer, type VendorServer } from '../helpers/vendor-server.js';

/** Raw text bodies as a hostile vendor writes them: built by string repetition, never by a recursive serialiser. */
const deepArrays = (depth: number): string => '['.repeat(depth) + ']'.repeat(depth);
const deepObjects = (depth: number): string => '{"a":'.repeat(depth) + '1' + '}'.repeat(depth);
function wideObject(keys: number): string {
  const parts: string[] = [];
  for (let i = 0; i < keys; i++) parts.push(`"k${i}":${i}`);
  return `{${parts.join(',')}}`;
}

function sendText(res: import('node:http').ServerResponse, status: number, text: string, type = 'application/json'): void {
  res.writeHead(status, { 'content-type': type, 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

let server: VendorServer;
beforeAll(async () => {
  server = await startVendorServer({
    'GET /empty': (_req, res) => sendText(res, 200, ''),
    'GET /null': (_req, res) => sendText(res, 200, 'null'),
    'GET /envelope': (_req, res) => sendJson(res, 200, { error: { code: 'upstream_timeout', message: 'Try again later', trace: 'x' } }),
    'GET /fault': (_req, res) => sendJson(res, 200, { fault: { faultstring: 'Rate limit quota violation' } }),
    'GET /error-null': (_req, res) => sendJson(res, 200, { id: 'job_1', error: null }),
    'GET /no-content': (_req, res) => {
      res.writeHead(204);
      res.end();
    },
    'HEAD /ping': (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end();
    },
    'GET /deep-arrays': (_req, res) => sendText(res, 200, deepArrays(2_500)),
    'GET /deep-objects': (_req, res) => sendText(res, 200, deepObjects(3_000)),
    'GET /wide': (_req, res) => sendText(res, 200, wideObject(200_000)),
    'GET /many': (_req, res) => sendText(res, 200, JSON.stringify(Array.from({ length: 5_000 }, (_, i) => ({ id: i, tags: ['a', 'b'] })))),
    'GET /fine': (_req, res) => sendJson(res, 200, { data: [{ id: 'a', deep: { deeper: { deepest: [1, 2] } } }] }),
  });
});
afterAll(async () => {
  await server.close();
});

function connectorFor(endpoints: EndpointInput[], extra: Partial<ConnectorInput> = {}): Connector {
  return defineConnector({ name: 'acme', owner: { name: 'Ana' }, baseUrl: server.url, endpoints, ...extra });
}

async function outcomesOf(paths: string[], extra: Partial<ConnectorInput> = {}): Promise<SampleOutcome[]> {
  const endpoints = paths.map((path) => ({ id: path.replace(/^\//, '').replace(/^([A-Z]+) \//, ''), path: path.replace(/^[A-Z]+ /, ''), ...(path.startsWith('HEAD ') ? { method: 'HEAD' as const } : {}) }));
  return sampleConnector(connectorFor(endpoints, extra), { env: {}, maxAttempts: 1 });
}

function verdicts(outcomes: SampleOutcome[]): string[] {
  return outcomes.map((o) => (o.ok ? `${o.sample.endpoint}: ok` : `${o.failure.endpoint}: ${o.failure.kind}`));
}

describe('outage-shaped answers are vendor-error failures, not shapes', () => {
  it('an empty 200, a literal null and the default error envelope ($.error)', async () => {
    const outcomes = await outcomesOf(['/empty', '/null', '/envelope', '/error-null', '/no-content', 'HEAD /ping']);
    expect(verdicts(outcomes)).toEqual(['empty: vendor-error', 'null: vendor-error', 'envelope: vendor-error', 'error-null: ok', 'no-content: ok', 'ping: ok']);
    const messages = outcomes.flatMap((o) => (o.ok ? [] : [o.failure.message.replace(server.url, '')]));
    expect(messages).toEqual([
      'GET /empty: the vendor answered 200 with an empty body',
      'GET /null: the vendor answered 200 with a literal null body',
      'GET /envelope: the vendor answered 200 with its error envelope ($.error: "upstream_timeout" "Try again later")',
    ]);
  });

  it('uses the envelope paths the connector declares, and none when it says []', async () => {
    expect(verdicts(await outcomesOf(['/fault', '/envelope'], { errorEnvelope: ['$.fault.faultstring'] }))).toEqual(['fault: vendor-error', 'envelope: ok']);
    expect(verdicts(await outcomesOf(['/envelope', '/null'], { errorEnvelope: [] }))).toEqual(['envelope: ok', 'null: vendor-error']);
  });

  it('counts for the circuit breaker like a 5xx', async () => {
    const outcomes = await outcomesOf(['/empty', '/envelope']);
    expect(isOperationalFailure(outcomes)).toBe(true);
    expect(isOperationalFailure(await outcomesOf(['/empty', '/fine']))).toBe(false);
  });
});

describe('hostile bodies fail their endpoint as too-complex, in bounded time', () => {
  it('2,500-deep arrays, 3,000-deep objects and a 200,000-key object', async () => {
    const outcomes = await outcomesOf(['/deep-arrays', '/deep-objects', '/wide', '/fine']);
    expect(verdicts(outcomes)).toEqual(['deep-arrays: too-complex', 'deep-objects: too-complex', 'wide: too-complex', 'fine: ok']);
    const messages = outcomes.flatMap((o) => (o.ok ? [] : [o.failure.message.replace(`${server.url}`, '')]));
    expect(messages).toEqual([
      'GET /deep-arrays: the body nests deeper than 256 levels (limits.maxDepth): not inferred',
      'GET /deep-objects: the body nests deeper than 256 levels (limits.maxDepth): not inferred',
      'GET /wide: an object in the body has more than 100000 keys (limits.maxKeys): not inferred',
    ]);
  });

  it('honours the limits a connector sets', async () => {
    expect(verdicts(await outcomesOf(['/fine'], { limits: { maxDepth: 5 } }))).toEqual(['fine: too-complex']);
    expect(verdicts(await outcomesOf(['/fine'], { limits: { maxDepth: 6 } }))).toEqual(['fine: ok']);
    expect(verdicts(await outcomesOf(['/many'], { limits: { maxNodes: 10_000 } }))).toEqual(['many: too-complex']);
    expect(verdicts(await outcomesOf(['/wide'], { limits: { maxKeys: 200_000 } }))).toEqual(['wide: ok']);
  });
});

describe('a scan with a hostile vendor next to a healthy one', () => {
  let root: TempRoot;
  beforeAll(async () => {
    root = await makeTempRoot('driftwatch-hostile-');
  });
  afterAll(async () => {
    await root.cleanup();
  });

  it('records the healthy connector and the hostile endpoints as failures; the run finishes', async () => {
    await root.writeConnector('hostile', connectorBody(server.url, [{ id: 'deep', path: '/deep-objects' }, { id: 'wide', path: '/wide' }, { id: 'null', path: '/null' }]));
    await root.writeConnector('healthy', connectorBody(server.url, [{ id: 'fine', path: '/fine' }]));
    const store = await openStore(undefined, root.dir, {});
    try {
      const result = await scan({ root: root.dir, store, env: {}, now: () => new Date(), sampler: { baseDelayMs: 1 } });
      expect(result.errors.map((e) => `${e.connector}/${e.endpoint} ${e.kind}`).sort()).toEqual([
        'hostile/deep too-complex',
        'hostile/null vendor-error',
        'hostile/wide too-complex',
      ]);
      expect(result.notices.map((n) => `${n.connector}/${n.endpoint}`)).toEqual(['healthy/fine']);
      const samples = await store.listSamples({});
      expect(samples.map((s) => `${s.connector}/${s.endpoint} ${s.ok ? 'ok' : s.errorKind}`).sort()).toEqual([
        'healthy/fine ok',
        'hostile/deep too-complex',
        'hostile/null vendor-error',
        'hostile/wide too-complex',
      ]);
      expect((await store.unfinishedRuns()).length).toBe(0);
    } finally {
      await store.close();
    }
  });
});
