// The real binary: scan notifies, an unreachable Slack keeps the message in the outbox, `notify --flush` delivers it once.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoVendor, type DemoVendor } from '../../src/demo/vendor-server.js';
import { closedPort } from '../helpers/closed-port.js';
import { runMain } from '../helpers/run-main.js';
import { connectorBody, makeTempRoot, type TempRoot } from '../helpers/temp-root.js';
import { startSlackReceiver, visibleText, type SlackReceiver } from './slack-receiver.js';

const TOKEN = 'sk_live_cli_notify_31337';
const HOOK_SECRET = 'clihooksecret8080';

describe('notifications through the CLI', () => {
  let vendor: DemoVendor;
  let slack: SlackReceiver;
  let root: TempRoot;
  let deadHook: string;

  beforeAll(async () => {
    vendor = await startDemoVendor({ token: TOKEN, release: 'v1' });
    slack = await startSlackReceiver();
    root = await makeTempRoot('driftwatch-notify-cli-');
    deadHook = `http://127.0.0.1:${await closedPort()}/services/T/B/${HOOK_SECRET}`;
    await root.writeConnector(
      'billing',
      connectorBody(vendor.url, [{ id: 'list-invoices', path: '/v1/invoices' }], {
        vendor: 'Ledgerly',
        owner: { name: 'Dana Reyes', slack: '@dana', slackWebhookEnv: 'BILLING_SLACK_WEBHOOK' },
        auth: { type: 'bearer', tokenEnv: 'LEDGERLY_API_KEY' },
      }),
    );
    await writeFile(
      join(root.dir, 'contracts', 'owners.yaml'),
      'people:\n  - { id: dana, name: Dana Reyes, slack: "@dana" }\n  - { id: fin, name: Finance }\nconnectors:\n  billing: { owner: dana, dataOwner: fin, channel: "#billing-integrations", reviewedAt: 2026-11-01 }\n',
    );
  });
  afterAll(async () => {
    await vendor.close();
    await slack.close();
    await root.cleanup();
  });

  const cli = (args: string[], hook: string) =>
    runMain(args, { cwd: root.dir, env: { LEDGERLY_API_KEY: TOKEN, BILLING_SLACK_WEBHOOK: hook, DRIFTWATCH_NOTIFY_WAIT_MS: '0' } });

  it('scan -> outbox -> notify --flush -> exactly one message', async () => {
    expect((await cli(['accept'], slack.webhook())).code).toBe(0);
    vendor.setRelease('v2');

    const down = await cli(['scan', '--format', 'json'], deadHook);
    expect(down.code).toBe(1);
    expect(JSON.parse(down.stdout).summary.breaking).toBeGreaterThan(0);
    expect(down.stderr).toMatch(/notify: billing → slack:BILLING_SLACK_WEBHOOK failed \(Slack could not be reached: .*ECONNREFUSED.*\); kept in the outbox/);
    expect(down.stdout + down.stderr).not.toContain(HOOK_SECRET);

    const outbox = await cli(['outbox'], deadHook);
    expect(outbox.code).toBe(0);
    expect(outbox.stdout).toMatch(/#1 +failed +billing → slack:BILLING_SLACK_WEBHOOK {2}attempts 1/);
    expect(outbox.stdout).toContain('ECONNREFUSED');
    const json = JSON.parse((await cli(['outbox', '--format', 'json'], deadHook)).stdout) as { messages: Array<{ state: string; attempts: number }> };
    expect(json.messages).toEqual([expect.objectContaining({ state: 'failed', attempts: 1 })]);

    // The in-run retry delay is 1-2 s; once due, the flush delivers to the receiver that is now up.
    await sleep(2_100);
    const flushed = await cli(['notify', '--flush'], slack.webhook());
    expect(flushed.stdout).toContain('1 delivered, 0 failed, 0 still pending');
    expect(flushed.code).toBe(0);
    expect(slack.received).toHaveLength(1);
    expect(visibleText(slack.received[0]!.body)).toContain('driftwatch accept --connector billing');

    const again = await cli(['scan', '--format', 'json'], slack.webhook());
    expect(again.code).toBe(1);
    expect((await cli(['notify', '--flush'], slack.webhook())).stdout).toContain('0 delivered, 0 failed, 0 still pending');
    expect(slack.received).toHaveLength(1);
    expect((await cli(['outbox'], slack.webhook())).stdout).toBe('outbox empty: every notification was delivered\n');
    // Several runs of the real binary in a row: 5 s on an idle 2-core machine, 9 s under full-suite load.
  }, 60_000);

  it('`scan --no-notify` sends nothing, and `notify` without --flush is a usage error', async () => {
    const before = slack.received.length;
    vendor.setRelease('v1');
    await cli(['scan', '--no-notify'], slack.webhook());
    expect(slack.received).toHaveLength(before);
    const bare = await cli(['notify'], slack.webhook());
    expect(bare.code).toBe(2);
    expect(bare.stderr).toContain('--flush');
  });
});
