// The webhook story through `driftwatch ingest`: captured deliveries (JSONL, HAR, JSON) judged as samples are, with
// a baseline per event type, the vendor's rename as one breaking finding and one Slack message, and no secret kept.
import { readFile, readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runMain } from '../helpers/run-main.js';
import { connectorBody, makeTempRoot, type TempRoot } from '../helpers/temp-root.js';
import { invoiceCreated, invoicePaid, PLANTED_SECRET, range, writeHar, writeJsonl } from '../helpers/deliveries.js';
import { startSlackReceiver, visibleText, type SlackReceiver } from '../notify/slack-receiver.js';

interface ScanJson {
  summary: { breaking: number; warning: number; info: number; errors: number };
  changes: Array<{ endpoint: string; rule: string; severity: string; path: string; message: string }>;
  errors: Array<{ endpoint: string; kind: string; message: string }>;
}

/** Every file under `dir`, recursively. */
async function allFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await allFiles(path)));
    else out.push(path);
  }
  return out;
}

describe('ingest: captured webhook deliveries judged like samples', { timeout: 60_000 }, () => {
  let root: TempRoot;
  let slack: SlackReceiver;
  let env: Record<string, string>;
  const cli = async (...args: string[]) => {
    const run = await runMain(args, { cwd: root.dir, env });
    return { ...run, json: args.includes('json') ? (JSON.parse(run.stdout) as ScanJson) : undefined };
  };
  const outputs: string[] = [];

  beforeAll(async () => {
    slack = await startSlackReceiver();
    root = await makeTempRoot();
    env = { BILLING_SLACK_WEBHOOK: slack.webhook(), DRIFTWATCH_NOTIFY_WAIT_MS: '0' };
    await root.writeConnector(
      'billing',
      connectorBody('http://127.0.0.1:9', [{ id: 'list-invoices', path: '/v1/invoices' }], {
        owner: { name: 'Test Owner', slack: '#billing', slackWebhookEnv: 'BILLING_SLACK_WEBHOOK' },
        businessProcess: 'Invoice sync to the ledger',
        failureMode: 'paid invoices are booked without their line items',
        events: { typeField: 'type' },
      }),
    );
  });
  afterAll(async () => {
    await slack.close();
    await root.cleanup();
  });

  it('learns each event type from a JSONL capture: a new type is info, nothing is sent', async () => {
    const file = await writeJsonl(join(root.dir, 'baseline.jsonl'), [...range(0, 30).map((i) => invoicePaid(i)), ...range(0, 6).map(invoiceCreated)]);
    const run = await cli('ingest', '--connector', 'billing', file, '--format', 'json');
    outputs.push(run.stdout, run.stderr);
    expect(run.code).toBe(0);
    expect(run.json!.changes.map((c) => [c.endpoint, c.rule, c.severity]).sort()).toEqual([
      ['event:invoice.created', 'event-type-added', 'info'],
      ['event:invoice.paid', 'event-type-added', 'info'],
    ]);
    expect(slack.delivered).toHaveLength(0);
  });

  it('accept writes one baseline per event type, with no secret in it', async () => {
    const run = await cli('accept', '--connector', 'billing', '--events');
    outputs.push(run.stdout, run.stderr);
    expect(run.code).toBe(0);
    const text = await readFile(join(root.dir, 'snapshots', 'billing', 'events', 'invoice.paid.json'), 'utf8');
    const snapshot = JSON.parse(text) as { endpoint: string; schema: { properties: { data: { properties: Record<string, unknown>; required: string[] } } } };
    expect(snapshot.endpoint).toBe('event:invoice.paid');
    expect(snapshot.schema.properties.data.required).toContain('line_items');
    await stat(join(root.dir, 'snapshots', 'billing', 'events', 'invoice.created.json'));
  });

  it('quiet deliveries from a HAR capture give no finding', async () => {
    const file = await writeHar(join(root.dir, 'quiet.har'), range(100, 12).map((i) => invoicePaid(i)));
    const run = await cli('ingest', '--connector', 'billing', file, '--format', 'json');
    outputs.push(run.stdout, run.stderr);
    expect(run.code).toBe(0);
    expect(run.json!.changes.filter((c) => c.severity !== 'info')).toEqual([]);
    expect(run.json!.summary).toEqual({ breaking: 0, warning: 0, info: 0, errors: 0 });
  });

  it('the rename is one breaking finding on line_items and one Slack message naming the event and field', async () => {
    const file = await writeJsonl(join(root.dir, 'release.jsonl'), range(200, 12).map((i) => invoicePaid(i, { renamed: true })));
    const run = await cli('ingest', '--connector', 'billing', file, '--format', 'json');
    outputs.push(run.stdout, run.stderr);
    expect(run.code).toBe(1);
    const breaking = run.json!.changes.filter((c) => c.severity === 'breaking');
    expect(breaking).toHaveLength(1);
    expect(breaking[0]).toMatchObject({ endpoint: 'event:invoice.paid', rule: 'response-property-removed', path: '$.data.line_items' });
    expect(breaking[0]!.message).toContain('$.data.lines');
    expect(slack.delivered).toHaveLength(1);
    const message = visibleText(slack.delivered[0]!.body);
    expect(message).toContain('invoice.paid');
    expect(message).toContain('line_items');
    expect(message).toContain('booked without their line items');
    // The same deliveries again: the drift is seen, not news.
    const again = await cli('ingest', '--connector', 'billing', file, '--format', 'json');
    expect(again.code).toBe(1);
    expect(slack.delivered).toHaveLength(1);
  });

  it('a line that is not JSON is refused and counted, naming the file and line, without its content', async () => {
    const file = await writeJsonl(join(root.dir, 'mixed.jsonl'), [invoiceCreated(50)], [`not json ${PLANTED_SECRET}`]);
    const run = await cli('ingest', '--connector', 'billing', file, '--format', 'json');
    outputs.push(run.stdout, run.stderr);
    expect(run.code).toBe(2);
    expect(run.json!.errors).toHaveLength(1);
    expect(run.json!.errors[0]!.message).toMatch(/mixed\.jsonl:2: the delivery is not JSON/);
  });

  it('a connector without events: is bad input (exit 2)', async () => {
    await root.writeConnector('crm', connectorBody('http://127.0.0.1:9', [{ id: 'contacts', path: '/contacts' }]));
    const file = await writeJsonl(join(root.dir, 'crm.jsonl'), [invoiceCreated(1)]);
    const run = await cli('ingest', '--connector', 'crm', file);
    expect(run.code).toBe(2);
    expect(run.stdout + run.stderr).toContain('no events: section');
  });

  it('the planted secret is in no file, output or message', async () => {
    const kept = (await allFiles(root.dir)).filter((f) => !/\.(jsonl|har)$/.test(f));
    expect(kept.some((f) => f.endsWith('history.db'))).toBe(true);
    for (const file of kept) expect((await readFile(file)).includes(PLANTED_SECRET), file).toBe(false);
    for (const text of outputs) expect(text).not.toContain(PLANTED_SECRET);
    for (const message of slack.received) expect(message.raw).not.toContain(PLANTED_SECRET);
  });
});
