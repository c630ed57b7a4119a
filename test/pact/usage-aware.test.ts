import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { acceptChange } from '../../src/app/accept-change.js';
import { scan } from '../../src/app/scan.js';
import { loadConnectors } from '../../src/config/load-connectors.js';
import { classify, UNUSED_SUFFIX, type Observation } from '../../src/core/classify.js';
import { isExpired } from '../../src/core/ignore.js';
import type { Delta } from '../../src/core/model.js';
import { isPinned } from '../../src/core/usage.js';
import { loadPacts } from '../../src/pact/pact-file.js';
import { consumerUsage, contractUsage, samePath } from '../../src/pact/usage.js';
import type { HistoryStore } from '../../src/store/history-store.js';
import { openSqliteStore } from '../../src/store/sqlite-store.js';
import type { TempRoot } from '../helpers/temp-root.js';
import { acceptRelease, acmeRoot, startAcme, TOKEN, TOKEN_ENV, writeAcmePact, type Vendor } from './pact-world.js';

const removed = (path: string): Delta => ({ kind: 'property-removed', location: 'response', path, before: ['string'] });
const at = (endpoint: string, delta: Delta, source: Observation['source'] = 'snapshot'): Observation => ({ source, endpoint, delta });

describe('usage from real pact files', () => {
  let root: TempRoot;
  beforeAll(async () => {
    root = await acmeRoot('acme', 'http://127.0.0.1:9');
    await writeAcmePact(join(root.dir, 'contracts', 'pacts'), 'acme');
  });
  afterAll(() => root.cleanup());

  it('maps interactions to endpoints and collects the pinned paths (contracts/pacts is not a connector)', async () => {
    const { connectors, problems } = await loadConnectors(root.dir);
    expect(problems).toEqual([]);
    const { pacts } = await loadPacts(root.dir);
    const usage = contractUsage(connectors[0]!, pacts);
    expect(usage.hasPacts).toBe(true);
    expect([...(usage.endpoints.get('list-invoices')?.pinned ?? [])].sort()).toEqual(['$', '$.data', '$.data[*]', '$.data[*].amount_due', '$.data[*].id', '$.has_more']);
    expect(usage.unmapped.map((i) => i.description)).toEqual(['mark an invoice paid']);
  });

  it('keeps changes to pinned fields as judged and downgrades the rest to warnings that say so', async () => {
    const { connectors } = await loadConnectors(root.dir);
    const { pacts } = await loadPacts(root.dir);
    const out = classify(
      [
        at('list-invoices', removed('$.data[*].amount_due')),
        at('list-invoices', removed('$.data[*].customer_email')),
        at('list-invoices', { kind: 'type-changed', location: 'response', path: '$.data', before: ['array'], after: ['object'] }),
        at('list-invoices', { kind: 'status-changed', location: 'response', path: 'status', before: [200], after: 202 }),
        at('get-invoice', removed('$.id')),
        at('list-invoices', { kind: 'auth-rejected', location: 'auth', path: 'auth', status: 401, after: 401, env: ['ACME_TOKEN'], authType: 'bearer', sharedWith: [] }, 'auth'),
      ],
      { connector: 'acme', usage: consumerUsage(contractUsage(connectors[0]!, pacts)) },
    );
    const byPath = new Map(out.map((c) => [c.path, [c.severity, c.pinned]]));
    expect(Object.fromEntries(byPath)).toEqual({
      '$.data[*].amount_due': ['breaking', true],
      '$.data[*].customer_email': ['warning', false],
      '$.data': ['breaking', true],
      status: ['breaking', true],
      '$.id': ['warning', false],
      auth: ['breaking', undefined],
    });
    expect(out.find((c) => c.path === '$.data[*].customer_email')?.message).toBe(`$.data[*].customer_email was removed (${UNUSED_SUFFIX})`);
  });

  it('changes nothing for a connector without pacts', () => {
    const [finding] = classify([at('list-invoices', removed('$.anything'))], { connector: 'x', usage: { hasPacts: false, pinned: new Map() } });
    expect(finding).toMatchObject({ severity: 'breaking' });
    expect(finding?.pinned).toBeUndefined();
  });

  it('matches paths by segments, ids and spec templates', () => {
    expect(samePath('/v1/invoices/inv_0001', '/v1/invoices/inv_0004')).toBe(true);
    expect(samePath('/v1/invoices/inv_0001', '/v1/customers/cus_0001')).toBe(false);
    expect(samePath('/v1/users/alice', '/v1/users/bob')).toBe(false);
    expect(samePath('/v1/users/alice', '/v1/users/bob', ['/v1/users/{name}'])).toBe(true);
    expect(isPinned(new Set(['$', '$.data', '$.data[*]', '$.data[*].id']), '$.data[0].id')).toBe(true);
    expect(isPinned(new Set(['$', '$.data']), '$.data_url')).toBe(false);
  });
});

describe('ignore entries', () => {
  const entry = { rule: 'response-property-removed', path: '$.data[*].*', reason: 'renamed on purpose', acceptedBy: 'dana', expires: '2026-12-01' };

  it('suppress matching changes (rule + glob) through their expiry day, then stop', () => {
    const observations = [
      at('list-invoices', removed('$.data[*].customer_email')),
      at('list-invoices', removed('$.data[*].customer.id')),
      at('list-invoices', { kind: 'property-added', location: 'response', path: '$.data[*].x', after: ['string'], presentNow: 1, seenNow: 1 }),
    ];
    const on = classify(observations, { connector: 'acme', ignore: [entry], today: '2026-12-01' });
    expect(Object.fromEntries(on.map((c) => [c.path, c.suppressed?.reason]))).toEqual({
      '$.data[*].customer_email': 'renamed on purpose',
      '$.data[*].customer.id': undefined,
      '$.data[*].x': undefined,
    });
    expect(on.find((c) => c.suppressed)?.suppressed).toEqual({ reason: 'renamed on purpose', acceptedBy: 'dana', expires: '2026-12-01' });
    expect(classify(observations, { connector: 'acme', ignore: [entry], today: '2026-12-02' }).every((c) => c.suppressed === undefined)).toBe(true);
    expect(isExpired({ ...entry, expires: undefined }, '2099-01-01')).toBe(false);
  });
});

describe('scan with pacts: usage-aware severity in output and history, and accept --change', () => {
  let vendor: Vendor;
  let root: TempRoot;
  let store: HistoryStore;

  beforeAll(async () => {
    vendor = await startAcme();
    root = await acmeRoot('acme', vendor.url);
    await writeFile(join(root.dir, 'contracts', 'acme', 'connector.yaml'), `# Acme, owned by the ERP team\n${await readFile(join(root.dir, 'contracts', 'acme', 'connector.yaml'), 'utf8')}`);
    await writeAcmePact(join(root.dir, 'contracts', 'pacts'), 'acme');
    await acceptRelease(root.dir, 'acme', 'v1');
    store = await openSqliteStore(join(root.dir, 'history.db'));
  });
  afterAll(async () => {
    await store.close();
    await vendor.close();
    await root.cleanup();
  });

  const scanNow = (at: string) =>
    scan({ root: root.dir, store, env: { [TOKEN_ENV]: TOKEN }, now: () => new Date(at), sampler: { baseDelayMs: 1, maxDelayMs: 2 } });

  it('a renamed unpinned field only warns, a renamed pinned field breaks, and the store keeps `pinned`', async () => {
    vendor.release = 'unpinned-renamed';
    const quiet = await scanNow('2026-11-20T03:00:00Z');
    const removed = quiet.changes.find((c) => c.rule === 'response-property-removed');
    expect(removed).toMatchObject({ path: '$.data[*].customer_email', severity: 'warning', pinned: false });
    expect(removed?.message).toContain(UNUSED_SUFFIX);
    expect(quiet.summary.breaking).toBe(0);

    vendor.release = 'pinned-renamed';
    const loud = await scanNow('2026-11-20T04:00:00Z');
    expect(loud.changes.find((c) => c.rule === 'response-property-removed')).toMatchObject({ path: '$.data[*].amount_due', severity: 'breaking', pinned: true });
    const drifts = await store.listDrifts({ connector: 'acme' });
    expect(drifts.find((d) => d.path === '$.data[*].amount_due')?.pinned).toBe(true);
    expect(drifts.find((d) => d.path === '$.data[*].customer_email')?.pinned).toBe(false);
  });

  it('accept --change writes an ignore entry (comments kept) and the next scan shows the change suppressed, not counted', async () => {
    const drift = (await store.listDrifts({ connector: 'acme' })).find((d) => d.path === '$.data[*].amount_due')!;
    const result = await acceptChange(root.dir, drift.fingerprint, 'moving to amount next sprint', 'dana@example.com', store, { now: new Date('2026-11-20T05:00:00Z') });
    expect(result.entry).toEqual({ rule: 'response-property-removed', path: '$.data[*].amount_due', reason: 'moving to amount next sprint', acceptedBy: 'dana@example.com', expires: '2027-02-18' });
    const text = await readFile(result.file, 'utf8');
    expect(text.startsWith('# Acme, owned by the ERP team\n')).toBe(true);
    const { connectors, problems } = await loadConnectors(root.dir);
    expect(problems).toEqual([]);
    expect(connectors[0]?.ignore).toEqual([result.entry]);

    const again = await acceptChange(root.dir, drift.fingerprint, 'still moving', 'dana@example.com', store, { now: new Date('2026-11-21T05:00:00Z') });
    expect(again.updated).toBe(true);
    expect((await loadConnectors(root.dir)).connectors[0]?.ignore).toHaveLength(1);

    const next = await scanNow('2026-11-22T03:00:00Z');
    const suppressed = next.changes.find((c) => c.path === '$.data[*].amount_due' && c.rule === 'response-property-removed');
    expect(suppressed?.suppressed?.reason).toBe('still moving');
    expect(next.summary.breaking).toBe(0);
    await expect(acceptChange(root.dir, 'ffffffffffff', 'x', 'y', store)).rejects.toMatchObject({ code: 'INPUT_INVALID' });
  });

  it('accept --change never writes a pasted credential into connector.yaml or the store note', async () => {
    const drift = (await store.listDrifts({ connector: 'acme' })).find((d) => d.path === '$.data[*].amount_due')!;
    const plain = 'plain-looking-value-0042';
    const shaped = 'sk_live_abcdefgh12345678';
    const result = await acceptChange(root.dir, drift.fingerprint, `  vendor said so; old key ${plain}, new ${shaped}  `, `dana ${plain}`, store, {
      now: new Date('2026-11-21T06:00:00Z'),
      env: { [TOKEN_ENV]: plain },
    });
    expect(result.entry.reason).toBe('vendor said so; old key [REDACTED], new [REDACTED]');
    expect(result.entry.acceptedBy).toBe('dana [REDACTED]');
    const text = await readFile(result.file, 'utf8');
    expect(text).not.toContain(plain);
    expect(text).not.toContain(shaped);
    const note = (await store.getDrift(drift.fingerprint))?.note ?? '';
    expect(note).toContain('vendor said so');
    expect(note).not.toContain(plain);
    expect(note).not.toContain(shaped);
  });

  it('accept --change takes only a real calendar date as the expiry', async () => {
    const drift = (await store.listDrifts({ connector: 'acme' })).find((d) => d.path === '$.data[*].amount_due')!;
    const now = new Date('2026-11-21T06:00:00Z');
    for (const expires of ['2026-13-45', '2027-02-29', '2026-04-31', '2026-00-10', '2026-1-5']) {
      await expect(acceptChange(root.dir, drift.fingerprint, 'r', 'dana', store, { now, expires }), expires).rejects.toMatchObject({ code: 'INPUT_INVALID' });
    }
    const leap = await acceptChange(root.dir, drift.fingerprint, 'r', 'dana', store, { now, expires: '2028-02-29' });
    expect(leap.entry.expires).toBe('2028-02-29');
  });
});
