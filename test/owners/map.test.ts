// The integration map: five columns per connector, drift exposure, last scan, gaps flagged; app, renderers and CLI.
import { copyFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildIntegrationMap, type IntegrationMap } from '../../src/app/map.js';
import { scan } from '../../src/app/scan.js';
import { forgetProjectFacts } from '../../src/owners/project.js';
import { renderMapJson } from '../../src/report/map/json.js';
import { renderMapMarkdown } from '../../src/report/map/markdown.js';
import { renderMapText } from '../../src/report/map/text.js';
import { openSqliteStore } from '../../src/store/sqlite-store.js';
import { runMain } from '../helpers/run-main.js';
import { connectorBody, makeTempRoot, type TempRoot } from '../helpers/temp-root.js';
import { sendJson, startVendorServer, type VendorServer } from '../helpers/vendor-server.js';

const NOW = new Date('2026-11-23T09:00:00Z');
const identity = (_s: string, t: string) => t;

describe('driftwatch map', () => {
  let vendor: VendorServer;
  let root: TempRoot;
  let map: IntegrationMap;

  beforeAll(async () => {
    vendor = await startVendorServer({
      'GET /v1/invoices': (_req, res) => sendJson(res, 200, { data: [{ id: 'in_1' }] }),
      'GET /v1/contacts': (_req, res) => sendJson(res, 503, { error: 'down' }),
    });
    root = await makeTempRoot('driftwatch-map-');
    await root.writeConnector(
      'billing',
      connectorBody(vendor.url, [{ id: 'list-invoices', path: '/v1/invoices' }], {
        vendor: 'Ledgerly',
        owner: { name: 'Dana Reyes', slack: '@dana' },
        dataOwner: 'Finance operations',
        businessProcess: 'Month-end invoicing',
        failureMode: 'Invoices stop syncing to the ERP',
        auth: { type: 'bearer', tokenEnv: 'LEDGERLY_API_KEY', expiresAt: '2026-11-30' },
      }),
    );
    await root.writeConnector(
      'crm',
      connectorBody(vendor.url, [{ id: 'list-contacts', path: '/v1/contacts' }], {
        vendor: 'Contactly',
        owner: { name: 'Omar Haddad', slack: '@omar' },
        runbook: undefined,
        auth: { type: 'header', headerName: 'x-api-key', valueEnv: 'CRM_KEY' },
      }),
    );
    await copyFile(fileURLToPath(new URL('../fixtures/owners/owners.yaml', import.meta.url)), join(root.dir, 'contracts', 'owners.yaml'));
    forgetProjectFacts();
    const store = await openSqliteStore(join(root.dir, '.driftwatch', 'history.db'));
    try {
      const env = { LEDGERLY_API_KEY: 'k1', CRM_KEY: 'k2' };
      await scan({ root: root.dir, store, env, now: () => NOW, sampler: { baseDelayMs: 1, maxDelayMs: 2 } });
      map = await buildIntegrationMap({ root: root.dir, store, env, now: NOW });
    } finally {
      await store.close();
    }
  });
  afterAll(async () => {
    await vendor.close();
    await root.cleanup();
  });

  it('fills the five columns and flags the gaps instead of hiding them', () => {
    const [billing, crm] = map.rows;
    expect(billing).toMatchObject({
      connector: 'billing',
      systemOwner: 'Dana Reyes (@dana) [inactive]',
      dataOwner: 'Finance operations',
      auth: 'bearer token $LEDGERLY_API_KEY, expires 2026-11-30',
      failureMode: 'Invoices stop syncing to the ERP',
      businessProcess: 'Month-end invoicing',
      channel: '#billing-integrations',
      gaps: [],
    });
    expect(crm).toMatchObject({ connector: 'crm', dataOwner: null, failureMode: null, businessProcess: null, runbook: null });
    expect(crm?.gaps).toEqual(['dataOwner', 'failureMode', 'businessProcess']);
  });

  it('shows each drift exposure and the last scan', () => {
    const [billing, crm] = map.rows;
    expect(billing?.exposure.ownership.map((f) => f.rule)).toEqual(['owner-inactive']);
    expect(billing?.exposure.auth.map((f) => [f.rule, f.severity])).toEqual([['credential-expiring', 'warning']]);
    expect(billing?.lastScan).toMatchObject({ status: 'ok', at: '2026-11-23T09:00:00.000Z' });
    expect(crm?.exposure.ownership.map((f) => f.rule).sort()).toEqual(['owner-missing', 'ownership-review-overdue', 'runbook-missing', 'slack-channel-missing']);
    expect(crm?.lastScan.status).toBe('failing');
    expect(crm?.lastScan.detail).toContain('http-status');
  });

  it('renders text, markdown and json', async () => {
    const text = renderMapText(map, { paint: identity });
    expect(text).toContain('billing · Ledgerly');
    expect(text).toMatch(/crm · Contactly {2}\(3 gaps\)/);
    expect(text).toMatch(/what dies\s+MISSING/);
    const markdown = renderMapMarkdown(map);
    expect(markdown).toContain('| connector | vendor | system owner | data owner | authenticates | how it fails | what dies | last scan |');
    expect(markdown).toContain('| crm | Contactly | Omar Haddad (@omar) | **⚠ missing** |');
    expect(JSON.parse(renderMapJson(map))).toEqual({ schemaVersion: 1, kind: 'map', ...JSON.parse(JSON.stringify(map)) });
    await expect(renderMapMarkdown({ ...map, generatedAt: '2026-11-23T09:00:00.000Z' })).toMatchFileSnapshot('./__golden__/map.md');
  });

  it('runs from the CLI with --format markdown (exit 0) and never prints a secret', async () => {
    const run = await runMain(['map', '--format', 'markdown'], { cwd: root.dir, env: { LEDGERLY_API_KEY: 'sk_live_mapsecret_123', CRM_KEY: 'crmsecret999' } });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('# Integration map');
    expect(run.stdout).toContain('**⚠ missing**');
    expect(run.stdout + run.stderr).not.toMatch(/mapsecret|crmsecret/);
  });
});
