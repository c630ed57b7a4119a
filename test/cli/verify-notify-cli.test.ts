// `verify --notify`: a broken contract opens a drift in the history and tells the owner once; a fix says so.
import { cp, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseDocument } from 'yaml';
import { startDemoVendor, type DemoVendor } from '../../src/demo/vendor-server.js';
import { startSlackReceiver, visibleText, type SlackReceiver } from '../notify/slack-receiver.js';
import { runMain } from '../helpers/run-main.js';
import { makeTempRoot, type TempRoot } from '../helpers/temp-root.js';

const CONTRACTS = fileURLToPath(new URL('../../contracts/', import.meta.url));

describe('driftwatch verify --notify', () => {
  let vendor: DemoVendor;
  let slack: SlackReceiver;
  let root: TempRoot;
  let env: Record<string, string>;
  const cli = (...args: string[]) => runMain(args, { cwd: root.dir, env });

  beforeAll(async () => {
    vendor = await startDemoVendor({ token: 'tok_verify_notify', release: 'v1' });
    slack = await startSlackReceiver();
    root = await makeTempRoot();
    // the shipped example connector with its pact, pointed at the local vendor
    await cp(CONTRACTS, join(root.dir, 'contracts'), { recursive: true, filter: (p) => !p.endsWith('.ts') });
    const file = join(root.dir, 'contracts', 'billing', 'connector.yaml');
    const doc = parseDocument(await readFile(file, 'utf8'));
    doc.set('baseUrl', vendor.url);
    await writeFile(file, doc.toString(), 'utf8');
    env = { LEDGERLY_API_KEY: 'tok_verify_notify', BILLING_SLACK_WEBHOOK: slack.webhook(), DRIFTWATCH_NOTIFY_WAIT_MS: '0' };
  });
  afterAll(async () => {
    await vendor.close();
    await slack.close();
    await root.cleanup();
  });

  it('records the broken contract, notifies once, and follows up when it is fixed', async () => {
    // The accepted behaviour of the vendor moves to its v2 release, which breaks what the pact pins.
    vendor.setRelease('v2');
    expect((await cli('accept', '--connector', 'billing')).code).toBe(0);
    const broken = await cli('verify', '--notify');
    expect(broken.code).toBe(1);
    expect(slack.delivered.length).toBe(1);
    const message = visibleText(slack.delivered[0]!.body);
    expect(message).toContain('pact-');
    expect(message).toContain('amount_due');
    const history = JSON.parse((await cli('history', '--status', 'open', '--format', 'json')).stdout) as { drifts: Array<{ source: string }> };
    expect(history.drifts.some((d) => d.source === 'pact')).toBe(true);

    // The same broken contract again: recorded as seen, no second message.
    expect((await cli('verify', '--notify')).code).toBe(1);
    expect(slack.delivered.length).toBe(1);

    // The vendor is back to what the contract pins: the drift resolves and the owner hears so.
    vendor.setRelease('v1');
    expect((await cli('accept', '--connector', 'billing')).code).toBe(0);
    expect((await cli('verify', '--notify')).code).toBe(0);
    expect(slack.delivered.length).toBe(2);
    expect(visibleText(slack.delivered[1]!.body)).toMatch(/resolved/i);
    // Seven runs of the real binary in a row: 7 s on an idle 2-core machine, 15 s under full-suite load.
  }, 60_000);
});
