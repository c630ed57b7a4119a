// Ownership drift through a real scan: opt-in via owners.yaml, an inactive owner found, fixed, resolved; problems reported once.
import { copyFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { scan } from '../../src/app/scan.js';
import { forgetProjectFacts } from '../../src/owners/project.js';
import type { HistoryStore } from '../../src/store/history-store.js';
import { openSqliteStore } from '../../src/store/sqlite-store.js';
import { connectorBody, makeTempRoot, type TempRoot } from '../helpers/temp-root.js';
import { sendJson, startVendorServer, type VendorServer } from '../helpers/vendor-server.js';

const NOW = new Date('2026-11-23T09:00:00Z');

describe('ownership drift in a scan', () => {
  let vendor: VendorServer;
  let root: TempRoot;
  let store: HistoryStore;
  const owners = () => join(root.dir, 'contracts', 'owners.yaml');
  const run = () => {
    forgetProjectFacts();
    return scan({ root: root.dir, store, env: {}, now: () => NOW, sampler: { baseDelayMs: 1, maxDelayMs: 2 } });
  };

  beforeAll(async () => {
    vendor = await startVendorServer({ 'GET /v1/ping': (_req, res) => sendJson(res, 200, { ok: true }) });
  });
  afterAll(() => vendor.close());
  beforeEach(async () => {
    root = await makeTempRoot('driftwatch-ownership-');
    const body = (owner: Record<string, string>) =>
      connectorBody(vendor.url, [{ id: 'ping', path: '/v1/ping' }], { owner, dataOwner: 'Finance operations', auth: { type: 'none' } });
    await root.writeConnector('billing', body({ name: 'Dana Reyes', slack: '@dana' }));
    await root.writeConnector('crm', body({ name: 'Omar Haddad', slack: '#crm-integrations' }));
    store = await openSqliteStore(join(root.dir, '.driftwatch', 'history.db'));
  });
  afterEach(async () => {
    await store.close();
    await root.cleanup();
  });

  it('without owners.yaml no ownership findings are made (opt-in)', async () => {
    const result = await run();
    expect(result.changes.filter((c) => c.evidence.some((e) => e.source === 'ownership'))).toEqual([]);
  });

  it('finds the inactive owner and the overdue review, and resolves them once owners.yaml is fixed', async () => {
    await copyFile(fileURLToPath(new URL('../fixtures/owners/owners.yaml', import.meta.url)), owners());
    const first = await run();
    const found = first.changes.filter((c) => c.evidence.some((e) => e.source === 'ownership')).map((c) => [c.connector, c.rule, c.severity, c.endpoint]);
    expect(found).toEqual([
      ['billing', 'owner-inactive', 'warning', '*'],
      ['crm', 'ownership-review-overdue', 'warning', '*'],
    ]);
    expect(first.changes.find((c) => c.rule === 'owner-inactive')?.message).toBe(
      'system owner Dana Reyes is marked inactive: name a new system owner in contracts/owners.yaml',
    );
    expect(first.changes.find((c) => c.rule === 'ownership-review-overdue')?.message).toMatch(/last reviewed 2025-01-15, 677 days ago \(due every 90 days\)/);
    expect(first.events.filter((e) => e.kind === 'opened' && e.drift.source === 'ownership')).toHaveLength(2);

    await writeFile(
      owners(),
      [
        'people:',
        '  - { id: priya, name: Priya Natarajan, slack: "@priya" }',
        '  - { id: omar, name: Omar Haddad }',
        '  - { id: fin, name: Finance operations }',
        'connectors:',
        '  billing: { owner: priya, channel: "#billing", reviewedAt: 2026-11-20 }',
        '  crm: { owner: omar, reviewedAt: 2026-11-20 }',
      ].join('\n'),
    );
    const second = await run();
    expect(second.changes.filter((c) => c.evidence.some((e) => e.source === 'ownership'))).toEqual([]);
    expect(second.events.filter((e) => e.kind === 'resolved').map((e) => e.drift.rule).sort()).toEqual(['owner-inactive', 'ownership-review-overdue']);
  });

  it('a YAML syntax error in owners.yaml opens no findings and resolves none: the problem is a config error', async () => {
    await copyFile(fileURLToPath(new URL('../fixtures/owners/owners.yaml', import.meta.url)), owners());
    const first = await run();
    expect(first.events.filter((e) => e.kind === 'opened' && e.drift.source === 'ownership')).toHaveLength(2);

    await writeFile(owners(), 'people:\n  - id: dana\n   name: [\n');
    const broken = await run();
    expect(broken.changes.filter((c) => c.evidence.some((e) => e.source === 'ownership'))).toEqual([]);
    expect(broken.events.filter((e) => e.drift.source === 'ownership')).toEqual([]);
    const problems = broken.errors.filter((e) => e.message.includes('owners.yaml'));
    expect(problems.length).toBeGreaterThan(0);
    expect(new Set(problems.map((e) => `${e.connector} ${e.kind}`))).toEqual(new Set(['billing config']));
    expect(problems[0]?.message).toMatch(/YAML syntax error/);
    const drifts = (await store.listDrifts({})).filter((d) => d.source === 'ownership');
    expect(drifts.map((d) => [d.connector, d.rule, d.status]).sort()).toEqual([
      ['billing', 'owner-inactive', 'open'],
      ['crm', 'ownership-review-overdue', 'open'],
    ]);
  });

  it('an owners.yaml problem is reported once, not once per connector', async () => {
    await writeFile(owners(), 'reviewEveryDays: -3\nconnectors:\n  crm: { channel: crm }\n');
    const result = await run();
    const problems = result.errors.filter((e) => e.message.includes('owners.yaml'));
    expect(problems.map((e) => [e.connector, e.message])).toEqual([
      ['billing', 'contracts/owners.yaml:1:18 reviewEveryDays must be a whole number of days (1 or more)'],
      ['crm', expect.stringMatching(/^contracts\/owners\.yaml:3:19 connectors\.crm\.channel must be a Slack channel/)],
    ]);
    await rm(owners());
  });
});
