// The audit trail from the CLI: `accept --change` then `ack` keep both entries with their actors (--by, git's
// user.email), and `history <fingerprint>` prints the finding's whole story.
import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoVendor, type DemoVendor } from '../../src/demo/vendor-server.js';
import { runMain } from '../helpers/run-main.js';
import { connectorBody, makeTempRoot, type TempRoot } from '../helpers/temp-root.js';

interface StoryJson {
  kind: string;
  drift: { fingerprint: string; status: string; note: string | null };
  events: Array<{ kind: string; actor: string; note: string | null; at: string }>;
}

describe('audit trail', () => {
  let vendor: DemoVendor;
  let root: TempRoot;
  let env: Record<string, string>;
  const cli = (...args: string[]) => runMain(args, { cwd: root.dir, env });

  beforeAll(async () => {
    vendor = await startDemoVendor({ token: 'tok_audit_trail', release: 'v1' });
    root = await makeTempRoot('driftwatch-audit-');
    // A project in git with its own user.email, and no global config to leak in: what `ack` without --by records.
    env = { LEDGERLY_API_KEY: 'tok_audit_trail', PATH: process.env.PATH ?? '', HOME: root.dir, GIT_CONFIG_NOSYSTEM: '1', USER: 'os-user' };
    execFileSync('git', ['init', '-q'], { cwd: root.dir, env });
    execFileSync('git', ['config', 'user.email', 'dana@example.com'], { cwd: root.dir, env });
    await root.writeConnector('billing', connectorBody(vendor.url, [{ id: 'list-invoices', path: '/v1/invoices' }], { auth: { type: 'bearer', tokenEnv: 'LEDGERLY_API_KEY' } }));
    expect((await cli('accept')).code).toBe(0);
    vendor.setRelease('v2');
  });
  afterAll(async () => {
    await vendor.close();
    await root.cleanup();
  });

  it('an ack after an accept --change keeps both entries, each with its actor, and history <fingerprint> tells it all', async () => {
    const scan = await cli('scan', '--format', 'json');
    const breaking = (JSON.parse(scan.stdout) as { changes: Array<{ severity: string; fingerprint: string }> }).changes.find((c) => c.severity === 'breaking')!;
    const fp = breaking.fingerprint;

    const accepted = await cli('accept', '--change', fp, '--reason', 'Ledgerly release 2026-11, connector fixed in PR 812', '--by', 'lee@example.com');
    expect(accepted.code, accepted.stderr).toBe(0);
    const acked = await cli('ack', fp, '--note', 'vendor confirmed the change in ticket 4411');
    expect(acked.code, acked.stderr).toBe(0);

    const story = JSON.parse((await cli('history', fp, '--format', 'json')).stdout) as StoryJson;
    expect(story.kind).toBe('story');
    expect(story.drift.fingerprint).toBe(fp);
    expect(story.events.map((e) => e.kind)).toEqual(['opened', 'ignored', 'acknowledged']);
    expect(story.events[0]).toMatchObject({ actor: 'driftwatch' });
    expect(story.events[1]).toMatchObject({ actor: 'lee@example.com', note: expect.stringContaining('PR 812') });
    // No --by: git's user.email of the project.
    expect(story.events[2]).toMatchObject({ actor: 'dana@example.com', note: 'vendor confirmed the change in ticket 4411' });

    const text = await cli('history', fp.slice(0, 8));
    expect(text.code).toBe(0);
    expect(text.stdout).toContain(fp);
    expect(text.stdout).toMatch(/ignored\s+lee@example\.com: ignored by lee@example\.com until \d{4}-\d{2}-\d{2}: Ledgerly release/);
    expect(text.stdout).toMatch(/acknowledged\s+dana@example\.com: vendor confirmed the change in ticket 4411/);
  });

  it('without --by nor git, the OS user is the actor; an unknown fingerprint is exit 2', async () => {
    const noGit = { ...env, PATH: '/nonexistent' };
    const scan = await runMain(['history', '--format', 'json'], { cwd: root.dir, env: noGit });
    const other = (JSON.parse(scan.stdout) as { drifts: Array<{ fingerprint: string; status: string }> }).drifts.find((d) => d.status === 'open')!;
    expect((await runMain(['ack', other.fingerprint], { cwd: root.dir, env: noGit })).code).toBe(0);
    const story = JSON.parse((await cli('history', other.fingerprint, '--format', 'json')).stdout) as StoryJson;
    expect(story.events.at(-1)).toMatchObject({ kind: 'acknowledged', actor: 'os-user' });
    const missing = await cli('history', 'ffffffffffff');
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('no drift "ffffffffffff"');
  });
});
