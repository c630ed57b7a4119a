// Vendor signals (Deprecation, Sunset, Link) and the small parsers under the sampler: Link headers, body paths, complexity.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defineConnector } from '../../src/config/define-connector.js';
import { parseBodyPath, readBodyPath } from '../../src/core/body-path.js';
import type { JsonValue } from '../../src/core/model.js';
import { checkComplexity } from '../../src/sampler/complexity.js';
import { linkWithRel, parseLinkHeader } from '../../src/sampler/link-header.js';
import { sampleConnector } from '../../src/sampler/sample-connector.js';
import { readSignals } from '../../src/sampler/signals.js';
import { sendJson, startVendorServer, type VendorServer } from '../helpers/vendor-server.js';

const HERE = new URL('https://api.vendor.test/v1/invoices');
const keep = (u: string): string => u;

describe('readSignals', () => {
  it.each([
    ['RFC 9745 structured date', { deprecation: '@1688169599' }, { deprecation: { date: '2023-06-30T23:59:59.000Z' } }],
    ['the older boolean form', { deprecation: 'true' }, { deprecation: {} }],
    ['the older HTTP-date form', { deprecation: 'Sun, 30 Jun 2023 23:59:59 GMT' }, { deprecation: { date: '2023-06-30T23:59:59.000Z' } }],
    ['an unreadable value, kept raw', { deprecation: 'soon-ish' }, { deprecation: { raw: 'soon-ish' } }],
    ['RFC 8594 Sunset', { sunset: 'Wed, 11 Nov 2026 23:59:59 GMT' }, { sunset: { date: '2026-11-11T23:59:59.000Z' } }],
    [
      'Link relations, resolved against the response URL',
      { link: '</docs/deprecations/v1>; rel="deprecation"; type="text/html", <https://vendor.test/sunset>; rel=sunset, </v1/invoices?page=2>; rel="next"' },
      { deprecation: { link: 'https://api.vendor.test/docs/deprecations/v1' }, sunset: { link: 'https://vendor.test/sunset' } },
    ],
    ['nothing announced', { 'content-type': 'application/json', link: '<x>; rel="next"' }, undefined],
  ])('%s', (_name, headers: Record<string, string>, want) => {
    expect(readSignals(headers, HERE, keep)).toEqual(want);
  });

  it('scrubs link targets (a token in a documentation URL)', () => {
    const signals = readSignals({ link: '<https://docs.test/d?token=abc123secret>; rel="deprecation"' }, HERE, (u) => u.replace('abc123secret', '[REDACTED]'));
    expect(signals).toEqual({ deprecation: { link: 'https://docs.test/d?token=[REDACTED]' } });
  });
});

describe('signals on samples from a real vendor', () => {
  let server: VendorServer;
  beforeAll(async () => {
    server = await startVendorServer({
      'GET /v1/old': (_req, res) =>
        sendJson(res, 200, { data: [] }, { deprecation: '@1767225600', sunset: 'Thu, 31 Dec 2026 23:59:59 GMT', link: '<https://vendor.test/migrate>; rel="deprecation"' }),
      'GET /v1/new': (_req, res) => sendJson(res, 200, { data: [] }),
    });
  });
  afterAll(async () => {
    await server.close();
  });

  it('types them on the sample; endpoints without them carry none', async () => {
    const connector = defineConnector({ name: 'acme', owner: { name: 'Ana' }, baseUrl: server.url, endpoints: [{ id: 'old', path: '/v1/old' }, { id: 'new', path: '/v1/new' }] });
    const [old, fresh] = await sampleConnector(connector, { env: {} });
    expect(old).toMatchObject({
      ok: true,
      sample: {
        signals: { deprecation: { date: '2026-01-01T00:00:00.000Z', link: 'https://vendor.test/migrate' }, sunset: { date: '2026-12-31T23:59:59.000Z' } },
        headers: { deprecation: '@1767225600', sunset: 'Thu, 31 Dec 2026 23:59:59 GMT' },
      },
    });
    expect(fresh!.ok && fresh!.sample.signals).toBeUndefined();
  });
});

describe('parseLinkHeader', () => {
  it('reads several links, several rels, quoted commas and semicolons', () => {
    expect(parseLinkHeader('<https://a.test/x?a=1,2>; rel="next last"; title="a, b; c", <b>; rel=prev')).toEqual([
      { target: 'https://a.test/x?a=1,2', rels: ['next', 'last'] },
      { target: 'b', rels: ['prev'] },
    ]);
    expect(linkWithRel('<a>; rel="prev", <b>; REL="Next"', 'next')).toBe('b');
    expect(parseLinkHeader(undefined)).toEqual([]);
    expect(parseLinkHeader('garbage, <unclosed; rel=next')).toEqual([]);
  });
});

describe('body paths', () => {
  const body: JsonValue = { meta: { next: 'c_9' }, data: [{ id: 'a' }, { id: 'b' }], 'odd key': 1, error: null };
  it.each([
    ['$.meta.next', 'c_9'],
    ['meta.next', 'c_9'],
    ['$.data[-1].id', 'b'],
    ['data[0].id', 'a'],
    ["$['odd key']", 1],
    ['$.error', null],
    ['$.missing.deeper', undefined],
    ['$.data[5].id', undefined],
  ])('%s', (text, want) => {
    const parsed = parseBodyPath(text);
    expect(parsed.ok).toBe(true);
    if (parsed.ok) expect(readBodyPath(body, parsed.segments)).toEqual(want);
  });

  it('refuses what is not a path', () => {
    expect(parseBodyPath('$')).toMatchObject({ ok: false });
    expect(parseBodyPath('$.a..b')).toMatchObject({ ok: false });
    expect(parseBodyPath('$.a[*]')).toMatchObject({ ok: false });
  });
});

describe('checkComplexity', () => {
  const limits = { maxDepth: 3, maxKeys: 2, maxNodes: 10 };
  it.each([
    ['scalars', 5, true],
    ['three levels', { a: [{ b: 1 }] }, true],
    ['four levels', { a: [{ b: [1] }] }, false],
    ['two keys', { a: 1, b: 2 }, true],
    ['three keys', { a: 1, b: 2, c: 3 }, false],
    ['ten values', [1, 2, 3, 4, 5, 6, 7, 8, 9], true],
    ['eleven values', [1, 2, 3, 4, 5, 6, 7, 8, 9, 10], false],
  ])('%s', (_name, value, ok) => {
    expect(checkComplexity(value as JsonValue, limits).ok).toBe(ok);
  });

  it('walks 100,000 levels without a stack overflow', () => {
    const deep = JSON.parse('['.repeat(100_000) + ']'.repeat(100_000)) as JsonValue;
    expect(checkComplexity(deep, { maxDepth: 1_000_000, maxKeys: 10, maxNodes: 1_000_000 })).toEqual({ ok: true, nodes: 100_000, depth: 100_000 });
  });
});
