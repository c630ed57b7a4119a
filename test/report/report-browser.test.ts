// `driftwatch report` end to end: a month of demo history, `ack` with a note, the report opened in a real Chromium.
import { copyFile, mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseDocument } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accept } from '../../src/app/accept.js';
import { scan } from '../../src/app/scan.js';
import { startDemoVendor, type DemoVendor } from '../../src/demo/vendor-server.js';
import { forgetProjectFacts } from '../../src/owners/project.js';
import { openSqliteStore } from '../../src/store/sqlite-store.js';
import { CHROMIUM_MISSING, chromiumOrSkip, launchChromium } from '../helpers/chromium.js';
import { runMain } from '../helpers/run-main.js';
import { connectorBody, makeTempRoot, type TempRoot } from '../helpers/temp-root.js';
import { sendJson, startVendorServer, type VendorServer } from '../helpers/vendor-server.js';

const OUTPUT = fileURLToPath(new URL('../../test-output/', import.meta.url));
const TOKEN = 'sk_live_browser_secret_7781';
const CRM_KEY = 'crm_secret_value_5512';
const DAY = 86_400_000;
const NOTE = 'Ledgerly moved amounts to decimal strings in release 2026-11 (no changelog entry); ERP parser fixed in PR #812';

const { executable, failInCi } = chromiumOrSkip('report-browser');

describe.runIf(failInCi)('the HTML report in a browser (CI)', () => {
  it('has a Chromium', () => {
    expect.fail(CHROMIUM_MISSING);
  });
});

describe.runIf(executable)('the HTML report in a browser', () => {
  let ledgerly: DemoVendor;
  let crmVendor: VendorServer;
  let root: TempRoot;
  let reportFile: string;
  let reportRun: { code: number; stdout: string; stderr: string };
  let crmRejects = false;
  const env = { LEDGERLY_API_KEY: TOKEN, CRM_KEY };

  beforeAll(async () => {
    ledgerly = await startDemoVendor({ token: TOKEN, release: 'v1' });
    crmVendor = await startVendorServer({
      'GET /v1/contacts': (req, res) =>
        crmRejects || req.headers['x-api-key'] !== CRM_KEY
          ? sendJson(res, 401, { error: 'invalid api key' })
          : sendJson(res, 200, { data: [{ id: 'c_1', email: 'a@example.com', stage: 'lead' }] }),
    });
    root = await makeTempRoot('driftwatch-report-browser-');
    // The shipped example connector, pointed at the local Ledgerly, as `driftwatch demo` does.
    const billing = parseDocument(await readFile(fileURLToPath(new URL('../../contracts/billing/connector.yaml', import.meta.url)), 'utf8'));
    billing.set('baseUrl', ledgerly.url);
    await root.writeConnector('billing', billing.toString());
    await copyFile(fileURLToPath(new URL('../../contracts/billing/openapi.yaml', import.meta.url)), join(root.dir, 'contracts', 'billing', 'openapi.yaml'));
    await root.writeConnector(
      'crm',
      connectorBody(crmVendor.url, [{ id: 'list-contacts', path: '/v1/contacts' }], {
        vendor: 'Contactly',
        owner: { name: 'Mallory Stone', slack: '@mallory' },
        businessProcess: 'Lead routing to sales',
        auth: { type: 'header', headerName: 'x-api-key', valueEnv: 'CRM_KEY' },
      }),
    );
    // Nothing listens on port 9 of 127.0.0.1: a vendor that is down.
    await root.writeConnector('shipping', connectorBody('http://127.0.0.1:9', [{ id: 'rates', path: '/v1/rates' }], { vendor: 'ShipFast', owner: { name: 'TBD' } }));
    await writeFile(
      join(root.dir, 'contracts', 'owners.yaml'),
      [
        'people:',
        '  - { id: dana, name: Dana Reyes, slack: "@dana" }',
        '  - { id: mallory, name: Mallory Stone, slack: "@mallory", active: false }',
        'connectors:',
        `  billing: { owner: dana, channel: "#billing", reviewedAt: "${new Date(Date.now() - 20 * DAY).toISOString().slice(0, 10)}" }`,
        '  crm: { owner: mallory, reviewedAt: "2025-01-10" }',
      ].join('\n'),
    );

    // Two weeks of nightly history, compressed: the clock is ours, the vendors and the store are real.
    const start = Date.now() - 13 * DAY;
    let clock = start;
    const at = (day: number, hour = 3) => (clock = start + day * DAY + hour * 3_600_000);
    const store = await openSqliteStore(join(root.dir, '.driftwatch', 'history.db'));
    try {
      forgetProjectFacts();
      const common = { root: root.dir, store, env, now: () => new Date(clock), sampler: { baseDelayMs: 1, maxDelayMs: 2, retryAfterCapMs: 2 } };
      at(0, 10);
      await accept(common);
      for (let day = 1; day <= 12; day++) {
        if (day === 6) ledgerly.setRelease('v2');
        crmRejects = day === 3 || day === 4;
        at(day);
        forgetProjectFacts();
        await scan(common);
        if (day === 9) {
          at(day, 11);
          await accept({ ...common, connector: 'billing', endpoint: 'get-invoice' });
        }
      }
    } finally {
      await store.close();
    }

    const history = await runMain(['history', '--format', 'json', '--connector', 'billing'], { cwd: root.dir, env });
    const drifts = (JSON.parse(history.stdout) as { drifts: Array<{ fingerprint: string; endpoint: string; rule: string; path: string }> }).drifts;
    const amount = drifts.find((d) => d.endpoint === 'list-invoices' && d.rule === 'response-property-type-changed' && d.path === '$.data[*].amount_due')!;
    const ack = await runMain(['ack', amount.fingerprint.slice(0, 8), '--note', NOTE], { cwd: root.dir, env });
    expect(ack.stderr).toBe('');
    expect(ack.code).toBe(0);

    reportFile = join(root.dir, 'out', 'report.html');
    reportRun = await runMain(['report', '--out', 'out/report.html'], { cwd: root.dir, env });
  }, 120_000);

  afterAll(async () => {
    await ledgerly?.close();
    await crmVendor?.close();
    await root?.cleanup();
  });

  it('writes the report and says what is in it', async () => {
    expect(reportRun.stderr).toBe('');
    expect(reportRun.code).toBe(0);
    expect(reportRun.stdout).toMatch(/^wrote out\/report\.html: 3 connector\(s\), \d+ incident\(s\) in 30 day\(s\), \d+ open breaking, \d+ map gap\(s\)\n$/);
    const html = await readFile(reportFile, 'utf8');
    expect(html).not.toContain(TOKEN);
    expect(html).not.toContain(CRM_KEY);
  });

  it('opens offline in Chromium with the map, the diagram, timelines and incidents, and nothing leaves the page', async () => {
    const browser = await launchChromium(executable!, { width: 1280, height: 900 });
    const { context, requested } = browser;
    try {
      const consoleErrors: string[] = [];
      const page = context.pages()[0] ?? (await context.newPage());
      page.on('console', (message) => {
        if (message.type() === 'error') consoleErrors.push(message.text());
      });
      page.on('pageerror', (error) => consoleErrors.push(error.message));
      const fileUrl = pathToFileURL(reportFile).href;
      await page.goto(fileUrl, { waitUntil: 'load' });

      await expect(page.title()).resolves.toContain('Integration report');
      // The map: one row per connector, the five columns filled or flagged.
      const rows = page.locator('table.map tbody tr');
      expect(await rows.count()).toBe(3);
      const billingRow = page.locator('table.map tr[data-connector="billing"]');
      await expect(billingRow.innerText()).resolves.toContain('Dana Reyes');
      await expect(billingRow.innerText()).resolves.toContain('Month-end invoicing and dunning');
      await expect(page.locator('table.map tr[data-connector="shipping"] .missing').count()).resolves.toBeGreaterThanOrEqual(3);
      // The diagram: the consumer, three connectors, three vendors, each connector in its status colour.
      const diagram = page.locator('svg.diagram');
      expect(await diagram.isVisible()).toBe(true);
      const box = await diagram.boundingBox();
      expect(box!.width).toBeGreaterThan(600);
      expect(await diagram.locator('g.node').count()).toBe(7);
      expect(await diagram.locator('g.node-breaking').count()).toBeGreaterThanOrEqual(2);
      expect(await diagram.locator('g.node-failing').count()).toBe(2);
      // Timelines: billing opened drifts at the release and accepted some; crm's 401s opened and resolved.
      expect(await page.locator('svg.timeline').count()).toBe(3);
      expect(await page.locator('#connector-billing g.event-opened').count()).toBeGreaterThanOrEqual(1);
      expect(await page.locator('#connector-billing g.event-accepted').count()).toBeGreaterThanOrEqual(1);
      expect(await page.locator('#connector-crm g.event-resolved').count()).toBe(1);
      // Uptime and latency per endpoint, from the stored samples.
      expect(await page.locator('#connector-billing table.endpoints tbody tr').count()).toBe(3);
      await expect(page.locator('#connector-billing tr[data-endpoint="list-invoices"]').innerText()).resolves.toContain('100%');
      await expect(page.locator('#connector-crm tr[data-endpoint="list-contacts"]').innerText()).resolves.toMatch(/2 failed/);
      // Incidents, with the root cause given through `driftwatch ack`.
      const acknowledged = page.locator('tr.incident[data-status="acknowledged"]');
      expect(await acknowledged.count()).toBe(1);
      await expect(acknowledged.locator('.note').innerText()).resolves.toBe(NOTE);
      // crm's 401s, and billing's new optional field (info: learned after one sighting, so it resolved the next night).
      expect(await page.locator('tr.incident[data-status="resolved"]').count()).toBe(2);
      expect(await page.locator('tr.incident[data-status="accepted"]').count()).toBeGreaterThanOrEqual(1);
      // Owners: Mallory left, and shipping has nobody.
      await expect(page.locator('#owners tr.needs-review').first().innerText()).resolves.toContain('Mallory Stone');
      await expect(page.locator('#owners tr.review[data-connector="shipping"]').innerText()).resolves.toContain('missing');

      await mkdir(OUTPUT, { recursive: true });
      await page.screenshot({ path: join(OUTPUT, 'report.png'), fullPage: true });
      await copyFile(reportFile, join(OUTPUT, 'report.html'));
      await page.emulateMedia({ media: 'print' });
      await page.pdf({ path: join(OUTPUT, 'report.pdf'), landscape: true, printBackground: true });
      expect((await stat(join(OUTPUT, 'report.pdf'))).size).toBeGreaterThan(10_000);

      expect(requested.filter((url) => !url.startsWith('file:'))).toEqual([]);
      expect(requested).toContain(fileUrl);
      expect(consoleErrors).toEqual([]);
    } finally {
      await browser.close();
    }
  }, 120_000);
});
