// `driftwatch demo`, as a new user runs it right after `npm ci`: the whole story, then nothing left behind.
import { existsSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/run-cli.js';

describe('driftwatch demo', () => {
  it('tells the whole story: baseline, quiet scan, vendor release, drift, the Slack message, history', async () => {
    const run = await runCli(['demo', '--keep'], { cwd: tmpdir(), env: { DRIFTWATCH_SLACK_WEBHOOK: 'http://127.0.0.1:9/never-used' } });
    expect(run.code, run.stderr).toBe(0);
    const out = run.stdout;
    expect(out).toContain('accepted billing/list-invoices');
    expect(out).toMatch(/no drift/);
    for (const expected of [
      'response-property-removed',
      '$.data[*].customer_email',
      'looks renamed to $.data[*].billing_email',
      'response-property-type-changed',
      'response-property-became-nullable',
      'response-enum-value-added',
    ]) {
      expect(out).toContain(expected);
    }
    // The owner's message, through the local Slack stand-in (never the user's own webhook).
    expect(out).toContain('Business process at risk:* Month-end invoicing and dunning');
    expect(out).toContain('driftwatch accept --connector billing');
    expect(run.stderr).not.toContain('never-used');
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
