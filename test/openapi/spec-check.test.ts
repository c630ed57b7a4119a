// The spec check inside a real scan: a local vendor, connector files in a temp root, a real SQLite history.
import { copyFile, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { scan, type ScanResult } from '../../src/app/scan.js';
import { loadConnectors } from '../../src/config/load-connectors.js';
import type { Finding } from '../../src/core/model.js';
import { accept } from '../../src/app/accept.js';
import { acceptSpec, pinnedSpecPath } from '../../src/openapi/spec-drift.js';
import { clearResponseValidators } from '../../src/openapi/response-validator.js';
import { clearSpecMemory } from '../../src/openapi/spec-cache.js';
import { specWorkSnapshot } from '../../src/openapi/spec-work.js';
import type { HistoryStore } from '../../src/store/history-store.js';
import { openSqliteStore } from '../../src/store/sqlite-store.js';
import { connectorBody, makeTempRoot, type TempRoot } from '../helpers/temp-root.js';
import { sendJson, startVendorServer, type VendorServer } from '../helpers/vendor-server.js';

const BASE_SPEC = fileURLToPath(new URL('../fixtures/specs/diff/base.yaml', import.meta.url));
const invoice = (id: string): Record<string, unknown> => ({ id, amount_due: 1200, status: 'open', due_date: '2026-12-01', lines: [1, 2] });

describe('spec check in a scan', () => {
  let vendor: VendorServer;
  let root: TempRoot;
  let store: HistoryStore;
  let specText: string;
  let specEtag = 1;

  beforeAll(async () => {
    specText = await readFile(BASE_SPEC, 'utf8');
    vendor = await startVendorServer({
      'GET /v1/invoices': (_req, res) => sendJson(res, 200, { data: [invoice('inv_1'), invoice('inv_2')] }),
      'GET /v1/invoices/inv_1': (_req, res) => sendJson(res, 200, invoice('inv_1')),
      // The vendor breaks its own spec: a string amount and an undocumented status value.
      'GET /v1/invoices/inv_bad': (_req, res) => sendJson(res, 200, { ...invoice('inv_bad'), amount_due: '12.50', status: 'refunded' }),
      'GET /v1/invoices/inv_202': (_req, res) => sendJson(res, 202, invoice('inv_202')),
      'GET /v1/invoices/inv_v2': (_req, res) => sendJson(res, 200, invoice('inv_v2'), { 'content-type': 'application/vnd.example.v2+json' }),
      'GET /v1/export': (_req, res) => sendJson(res, 200, { rows: [] }),
      'GET /openapi.yaml': (req, res) => {
        const etag = `"${specEtag}"`;
        if (req.headers['if-none-match'] === etag) {
          res.writeHead(304).end();
          return;
        }
        res.writeHead(200, { 'content-type': 'application/yaml', etag }).end(specText);
      },
    });
    root = await makeTempRoot();
    store = await openSqliteStore(join(root.dir, '.driftwatch', 'history.db'));
    await root.writeConnector(
      'ledger',
      connectorBody(`${vendor.url}/v1`, [
        { id: 'list', path: '/invoices' },
        { id: 'good', path: '/invoices/inv_1' },
        { id: 'bad', path: '/invoices/inv_bad' },
        { id: 'accepted', path: '/invoices/inv_202', expectStatus: 202 },
        { id: 'v2', path: '/invoices/inv_v2' },
        { id: 'export', path: '/export' },
      ], { spec: 'openapi.yaml' }),
    );
    await copyFile(BASE_SPEC, join(root.dir, 'contracts', 'ledger', 'openapi.yaml'));
    await root.writeConnector(
      'remote',
      connectorBody(`${vendor.url}/v1`, [
        { id: 'list', path: '/invoices' },
        { id: 'good', path: '/invoices/inv_1' },
      // The local test vendor serves its spec over http on 127.0.0.1: the connector opts in.
      ], { spec: `${vendor.url}/openapi.yaml`, allowInsecureSpec: true }),
    );
    // The same spec URL without the opt-in is refused (http, loopback), with a config error naming it.
    await root.writeConnector('unconfined', connectorBody(`${vendor.url}/v1`, [{ id: 'list', path: '/invoices' }], { spec: `${vendor.url}/openapi.yaml?token=s3cr3t-t0ken` }));
    await root.writeConnector('broken', connectorBody(`${vendor.url}/v1`, [{ id: 'list', path: '/invoices' }], { spec: 'missing.yaml' }));
  });
  afterAll(async () => {
    await store.close();
    await vendor.close();
    await root.cleanup();
  });

  const run = (connector?: string): Promise<ScanResult> =>
    scan({ root: root.dir, store, env: {}, now: () => new Date(), ...(connector ? { connector } : {}), sampler: { baseDelayMs: 1, maxDelayMs: 2 } });
  const specFindings = (result: ScanResult, connector: string, source: string): Array<Pick<Finding, 'endpoint' | 'rule' | 'path' | 'severity'>> =>
    result.changes
      .filter((c) => c.connector === connector && c.evidence.some((e) => e.source === source))
      .map(({ endpoint, rule, path, severity }) => ({ endpoint, rule, path, severity }))
      .sort((a, b) => `${a.endpoint}${a.rule}${a.path}`.localeCompare(`${b.endpoint}${b.rule}${b.path}`));

  it('reports the vendor breaking its own spec, an undocumented status and content type, and an endpoint missing from the spec', async () => {
    const result = await run('ledger');
    expect(specFindings(result, 'ledger', 'spec')).toEqual([
      { endpoint: 'accepted', rule: 'response-status-changed', path: 'status', severity: 'breaking' },
      { endpoint: 'bad', rule: 'response-enum-value-added', path: '$.status', severity: 'warning' },
      { endpoint: 'bad', rule: 'response-property-type-changed', path: '$.amount_due', severity: 'breaking' },
      { endpoint: 'export', rule: 'spec-operation-missing', path: 'GET /export', severity: 'warning' },
      { endpoint: 'v2', rule: 'response-content-type-changed', path: 'content-type', severity: 'breaking' },
    ]);
    // Stated in the kinds live samples use, so a change the snapshot also sees is one finding; worded for the spec.
    const bad = result.changes.find((c) => c.endpoint === 'bad' && c.path === '$.status');
    expect(bad?.message).toBe(`$.status is "refunded"; the vendor's spec documents only "draft", "open", "paid"`);
    const drifts = await store.listDrifts({ connector: 'ledger' });
    expect(drifts.filter((d) => d.source === 'spec').length).toBe(5);
  });

  it('a broken spec is an error naming the file; the connector\'s other checks still run', async () => {
    const result = await run('broken');
    const error = result.errors.find((e) => e.connector === 'broken' && e.kind === 'spec');
    expect(error?.message).toMatch(/contracts\/broken\/missing\.yaml spec file not found/);
    expect(result.notices.some((n) => n.connector === 'broken' && n.kind === 'no-snapshot')).toBe(true);
  });

  it('spec drift: a spec URL is pinned by acceptSpec, then changes in used operations are recorded as drift', async () => {
    const first = await run('remote');
    expect(first.notices.some((n) => n.connector === 'remote' && n.message.includes('no pinned copy'))).toBe(true);
    expect(specFindings(first, 'remote', 'spec')).toEqual([]);

    const [connector] = (await loadConnectors(root.dir, { only: 'remote' })).connectors;
    await acceptSpec(root.dir, connector!);
    const pinned = JSON.parse(await readFile(pinnedSpecPath(connector!), 'utf8')) as { info: { version: string } };
    expect(pinned.info.version).toBe('1.0.0');
    expect(specFindings(await run('remote'), 'remote', 'spec-diff')).toEqual([]);

    // The vendor's next release: a required query parameter on the list, a nullable due date, and a change in an
    // operation this connector never calls (DELETE), which must not be reported.
    interface Op { parameters: unknown[] }
    interface Doc {
      info: { version: string };
      paths: Record<string, { get: Op; delete?: Op }>;
      components: { schemas: { Invoice: { properties: { due_date: { nullable?: boolean } } } } };
    }
    const doc = parse(specText) as Doc;
    doc.info.version = '2.0.0';
    doc.paths['/invoices']!.get.parameters.push({ name: 'account', in: 'query', required: true, schema: { type: 'string' } });
    doc.components.schemas.Invoice.properties.due_date.nullable = true;
    delete doc.paths['/invoices/{id}']!.delete;
    specText = stringify(doc);
    specEtag++;

    const second = await run('remote');
    expect(specFindings(second, 'remote', 'spec-diff')).toEqual([
      { endpoint: 'good', rule: 'response-property-became-nullable', path: '$.due_date', severity: 'breaking' },
      { endpoint: 'list', rule: 'new-required-request-parameter', path: 'GET /invoices parameter query.account', severity: 'breaking' },
      { endpoint: 'list', rule: 'response-property-became-nullable', path: '$.data[*].due_date', severity: 'breaking' },
    ]);
    const open = (await store.listDrifts({ connector: 'remote', status: 'open' })).filter((d) => d.source === 'spec-diff');
    expect(open.length).toBe(3);

    // `driftwatch accept` re-pins the vendor's new spec and marks its drifts accepted.
    const accepted = await accept({ root: root.dir, store, env: {}, now: () => new Date(), connector: 'remote' });
    expect(accepted.errors).toEqual([]);
    expect((JSON.parse(await readFile(pinnedSpecPath(connector!), 'utf8')) as { info: { version: string } }).info.version).toBe('2.0.0');
    const third = await run('remote');
    expect(specFindings(third, 'remote', 'spec-diff')).toEqual([]);
    const settled = (await store.listDrifts({ connector: 'remote', status: 'accepted' })).filter((d) => d.source === 'spec-diff');
    expect(settled.length).toBe(3);
  });

  it('a spec URL on 127.0.0.1 over http is refused without `allowInsecureSpec`, naming the URL (never its token)', async () => {
    const result = await run('unconfined');
    const error = result.errors.find((e) => e.connector === 'unconfined' && e.kind === 'spec');
    expect(error?.message).toMatch(/spec refused: http:\/\/127\.0\.0\.1:\d+\/openapi\.yaml is not https; set `allowInsecureSpec: true`/);
    expect(error?.message).not.toContain('s3cr3t');
    expect(vendor.requests.some((r) => r.path.includes('token'))).toBe(false);
  });

  it('the second scan of a connector with a spec does no spec validation or compile work (counted, not timed)', async () => {
    // Cold: nothing prepared or compiled in this process, and an empty store folder.
    clearSpecMemory();
    clearResponseValidators();
    await rm(join(root.dir, '.driftwatch', 'spec-cache'), { recursive: true, force: true });
    const before = specWorkSnapshot();
    await run('ledger');
    const first = specWorkSnapshot();
    expect(first.validations - before.validations).toBe(1);
    expect(first.compiles - before.compiles).toBeGreaterThan(1);
    await run('ledger');
    expect(specWorkSnapshot()).toEqual(first);
  });

  it('acceptSpec leaves a file spec alone (it is versioned as it is)', async () => {
    const [connector] = (await loadConnectors(root.dir, { only: 'ledger' })).connectors;
    await acceptSpec(root.dir, connector!);
    await expect(readFile(pinnedSpecPath(connector!), 'utf8')).rejects.toThrow(/ENOENT/);
  });
});

