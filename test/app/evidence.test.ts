// Issue 12's acceptance tests: a quiet but noisy vendor raises nothing in 20 nights; a real release is one finding per
// change and place, with one severity, and the nights after it add nothing and send nothing.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accept } from '../../src/app/accept.js';
import { notifyRun } from '../../src/app/notify-run.js';
import { scan, type ScanResult } from '../../src/app/scan.js';
import { exitCodeFor, scanOutcome } from '../../src/cli/exit.js';
import type { HistoryStore } from '../../src/store/history-store.js';
import { openSqliteStore } from '../../src/store/sqlite-store.js';
import { startSlackReceiver, type SlackReceiver } from '../notify/slack-receiver.js';
import { connectorBody, makeTempRoot, type TempRoot } from '../helpers/temp-root.js';
import { sendJson, startVendorServer, type VendorServer } from '../helpers/vendor-server.js';
import { noisyVendorData, type NoisyRelease } from './noisy-vendor.js';

const WEBHOOK_ENV = 'SHOP_SLACK_WEBHOOK';
const DAY = 86_400_000;

interface World {
  vendor: VendorServer;
  slack: SlackReceiver;
  root: TempRoot;
  store: HistoryStore;
  release: NoisyRelease;
  night: number;
  env: Record<string, string>;
}

async function startWorld(seed: number): Promise<World> {
  const data = noisyVendorData(seed);
  const world = { release: 'quiet', night: 0 } as World;
  world.vendor = await startVendorServer({
    'GET /v1/account': (_req, res) => sendJson(res, 200, data.account(world.release)),
    'GET /v1/orders': (_req, res) => sendJson(res, 200, data.orders(world.release)),
  });
  world.slack = await startSlackReceiver();
  world.root = await makeTempRoot();
  await world.root.writeConnector(
    'shop',
    connectorBody(
      world.vendor.url,
      [
        // One resource whose optional fields vary: several requests a run give the evidence a single answer cannot.
        { id: 'account', path: '/v1/account', samples: 5 },
        { id: 'orders', path: '/v1/orders' },
      ],
      { owner: { name: 'Test Owner', slack: '#shop', slackWebhookEnv: WEBHOOK_ENV } },
    ),
  );
  world.store = await openSqliteStore(join(world.root.dir, '.driftwatch', 'history.db'));
  world.env = { [WEBHOOK_ENV]: world.slack.webhook('/services/T0/B0/noisy') };
  return world;
}

async function stopWorld(world: World): Promise<void> {
  await world.store.close();
  await world.vendor.close();
  await world.slack.close();
  await world.root.cleanup();
}

const start = Date.parse('2026-11-01T03:00:00Z');
const clock = (world: World) => () => new Date(start + world.night * DAY);

/** One night: the scan, its notifications, and the exit code the CLI would give. */
async function night(world: World): Promise<{ result: ScanResult; code: number }> {
  world.night++;
  const options = { root: world.root.dir, store: world.store, env: world.env, now: clock(world), sampler: { baseDelayMs: 1, maxDelayMs: 2 } };
  const result = await scan(options);
  await notifyRun(result, { ...options, connectors: result.connectors.map((c) => c.connector) });
  const code = exitCodeFor(scanOutcome(result));
  return { result, code };
}

describe('a quiet vendor whose optional fields come and go, with ids and names that vary', { timeout: 120_000 }, () => {
  let world: World;
  beforeAll(async () => {
    world = await startWorld(20261206);
  });
  afterAll(() => stopWorld(world));

  it('after accept, 20 nightly scans raise no breaking or warning finding, exit 0, and send the owner nothing', async () => {
    const accepted = await accept({ root: world.root.dir, store: world.store, env: world.env, now: clock(world) });
    expect(accepted.errors).toEqual([]);
    expect(accepted.written.map((w) => [w.endpoint, w.samples])).toEqual([
      ['account', 25],
      ['orders', 5],
    ]);
    const raised: string[] = [];
    for (let i = 0; i < 20; i++) {
      const { result, code } = await night(world);
      for (const f of result.changes) if (f.severity !== 'info') raised.push(`night ${world.night}: ${f.severity} ${f.rule} ${f.endpoint} ${f.path}: ${f.message}`);
      expect(code, raised.join('\n')).toBe(0);
      expect(result.errors).toEqual([]);
    }
    expect(raised).toEqual([]);
    expect(world.slack.received).toEqual([]);
    // The evidence kept growing, in the store, while the snapshot files stayed as accepted.
    const learned = await world.store.readBaselines('shop');
    expect(learned.map((b) => [b.endpoint, b.runs])).toEqual(expect.arrayContaining([['account', 20], ['orders', 20]]));
  });
});

describe("a release that renames, retypes and adds a value that keeps coming, on two endpoints", { timeout: 120_000 }, () => {
  let world: World;
  beforeAll(async () => {
    world = await startWorld(7);
    await accept({ root: world.root.dir, store: world.store, env: world.env, now: clock(world) });
    for (let i = 0; i < 3; i++) await night(world);
  });
  afterAll(() => stopWorld(world));

  it('is one finding per endpoint and field, each with one severity, and three more nights add nothing and send nothing', async () => {
    world.release = 'release';
    const { result, code } = await night(world);
    expect(code).toBe(1);
    const found = result.changes.filter((f) => f.severity !== 'info').map((f) => `${f.endpoint} ${f.rule} ${f.path} ${f.severity}`);
    expect(found.sort()).toEqual([
      'account response-property-removed $.email breaking',
      'orders response-enum-value-added $.data[*].status warning',
      'orders response-property-type-changed $.data[*].total breaking',
    ]);
    expect(result.changes.find((f) => f.path === '$.email')?.message).toContain('was renamed to $.contact_email');
    expect(new Set(result.changes.map((f) => f.fingerprint)).size).toBe(result.changes.length);
    const sent = world.slack.received.length;
    expect(sent).toBe(1);

    for (let i = 0; i < 3; i++) {
      const again = await night(world);
      expect(again.code).toBe(1);
      expect(again.result.changes.filter((f) => f.severity !== 'info').map((f) => f.fingerprint).sort()).toEqual(
        result.changes.filter((f) => f.severity !== 'info').map((f) => f.fingerprint).sort(),
      );
      expect(again.result.events.filter((e) => e.kind !== 'seen')).toEqual([]);
    }
    expect(world.slack.received.length).toBe(sent);
    const drifts = await world.store.listDrifts({ connector: 'shop', status: 'open' });
    expect(drifts.filter((d) => d.severity !== 'info')).toHaveLength(3);
  });
});
