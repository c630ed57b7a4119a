// `driftwatch demo`, as a new user runs it right after `npm ci`: the whole story (in process), then, through the real
// binary, nothing left behind.
import { existsSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/run-cli.js';
import { runMain } from '../helpers/run-main.js';

describe('driftwatch demo', () => {
  it('tells the whole story: baseline, quiet scan, vendor release, drift, the Slack message, history', async () => {
    const run = await runMain(['demo', '--keep'], { cwd: tmpdir(), env: { DRIFTWATCH_SLACK_WEBHOOK: 'http://127.0.0.1:9/never-used' } });
    expect(run.code, run.stderr).toBe(0);
    const out = run.stdout;
    expect(out).toContain('accepted billing/list-invoices');
    expect(out).toMatch(/no drift/);
    for (const expected of [
      'response-property-removed',
      '$.data[*].customer_email',
      'was renamed to $.data[*].billing_email',
      'response-property-type-changed',
      'response-property-became-nullable',
      'response-enum-value-added',
    ]) {
      expect(out).toContain(expected);
    }
    // One finding per vendor change and place, each naming who saw it; the summary line counts findings.
    const nightly = out.slice(out.indexOf('4. The nightly scan'), out.indexOf('4b. The next invoice.paid webhooks'));
    const findings = nightly.split('\n').filter((line) => /^\s+(BREAKING|warning |info    )\s/.test(line));
    expect(findings.length).toBe(nightly.split('\n').filter((line) => /^\s+seen by: /.test(line)).length);
    const counts = /(\d+) breaking, (\d+) warning, (\d+) info/.exec(nightly)!;
    expect(findings.length).toBe(Number(counts[1]) + Number(counts[2]) + Number(counts[3]));
    expect(findings.filter((l) => l.includes('$.data[*].customer_email') || l.includes('$.data[*].billing_email'))).toHaveLength(1);
    expect(nightly).toContain("seen by: live samples · the vendor's spec (GET /v1/invoices)");
    // The owner's message, through the local Slack stand-in (never the user's own webhook).
    // The header starts with the counts (a long vendor name never pushes them out).
    expect(out).toMatch(new RegExp(`${counts[1]} breaking, ${counts[2]} warning[^\\n]* drift on billing \\(Ledgerly\\)`));
    expect(out).toContain('Business process at risk:* Month-end invoicing and dunning');
    expect(out).toContain('driftwatch accept --connector billing');
    expect(run.stderr).not.toContain('never-used');
    // The same release seen through Ledgerly's invoice.paid webhooks: accepted as a type, then the rename, one message.
    expect(out).toContain('accepted billing/event:invoice.paid → snapshots/billing/events/invoice.paid.json');
    const webhooks = out.slice(out.indexOf('4b. The next invoice.paid webhooks'), out.indexOf('5. What the owner'));
    expect(webhooks).toMatch(/BREAKING\s+response-property-removed\s+event:invoice\.paid\s+\$\.data\.line_items/);
    expect(webhooks).toContain('was renamed to $.data.invoice_lines');
    const slackText = out.slice(out.indexOf('5. What the owner'));
    expect(slackText).toContain('1 breaking drift on billing (Ledgerly)');
    expect(slackText).toMatch(/`event:invoice\.paid` `\$\.data\.line_items`/);
    const kept = /kept at (\S+)/.exec(out)?.[1];
    expect(kept && existsSync(`${kept}/snapshots/billing/list-invoices.json`)).toBe(true);
    if (kept) await rm(kept, { recursive: true, force: true });
  });

  it('cleans up after itself by default', async () => {
    const run = await runCli(['demo'], { cwd: tmpdir() });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('The demo folder was removed');
  });
});
