// `driftwatch watch` through the real binary: JSON logs on stderr, health on 127.0.0.1, one watcher per store, SIGTERM.
import { spawn } from 'node:child_process';
import { access } from 'node:fs/promises';
import { join } from 'node:path';
import { request } from 'undici';
import { afterEach, describe, expect, it } from 'vitest';
import { BIN } from '../helpers/run-cli.js';
import { runMain } from '../helpers/run-main.js';
import { connectorBody, makeTempRoot } from '../helpers/temp-root.js';
import { sendJson, startVendorServer } from '../helpers/vendor-server.js';

const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const fn of cleanups.splice(0).reverse()) await fn();
});

interface LogLine {
  level: number;
  msg: string;
  [key: string]: unknown;
}

describe('driftwatch watch (the binary)', () => {
  it('runs the connectors on a schedule, serves health, refuses a second watcher, and stops cleanly on SIGTERM', async () => {
    const vendor = await startVendorServer({ '/things': (_req, res) => sendJson(res, 200, { id: 't_1', status: 'active' }) });
    const root = await makeTempRoot('driftwatch-watch-cli-');
    cleanups.push(() => vendor.close(), () => root.cleanup());
    await root.writeConnector('alpha', connectorBody(vendor.url, [{ id: 'things', path: '/things' }], { schedule: '0 3 * * *' }));

    const child = spawn(process.execPath, [BIN, 'watch', '--port', '0', '--once-every-seconds', '1', '--outbox-every', '1', '--jitter', '2'], {
      cwd: root.dir,
      env: { ...process.env, NO_COLOR: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    cleanups.push(async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    });
    let stderr = '';
    let stdout = '';
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
    const logs = (): LogLine[] => stderr.split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l) as LogLine);
    const waitFor = async (test: (l: LogLine) => boolean, what: string): Promise<LogLine> => {
      const deadline = Date.now() + 15_000;
      for (;;) {
        const hit = logs().find(test);
        if (hit) return hit;
        if (Date.now() > deadline || child.exitCode !== null) throw new Error(`no log line for ${what}; stderr:\n${stderr}`);
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
    };

    const started = await waitFor((l) => l.msg === 'driftwatch watch started', 'start');
    expect(started.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(started.jitterWindowMs).toBe(2_000);
    await waitFor((l) => l.msg === 'run finished' && l.connector === 'alpha' && l.result === 'ok', 'a run');
    const health = await request(`${String(started.url)}/healthz`);
    expect(health.statusCode).toBe(200);
    expect(((await health.body.json()) as { connectors: Array<{ name: string; schedule: string }> }).connectors).toEqual([
      expect.objectContaining({ name: 'alpha', schedule: '* * * * * *' }),
    ]);
    expect(await access(join(root.dir, '.driftwatch', 'history.db.watch.lock')).then(() => true)).toBe(true);

    const second = await runMain(['watch'], { cwd: root.dir });
    expect(second.code).toBe(3);
    expect(second.stderr).toMatch(/refusing to start a second watcher/);

    child.kill('SIGTERM');
    expect(await exited).toEqual({ code: 0, signal: null });
    expect(logs().some((l) => l.msg === 'driftwatch watch stopped' && l.reason === 'received SIGTERM')).toBe(true);
    expect(stdout).toBe('');
    await expect(access(join(root.dir, '.driftwatch', 'history.db.watch.lock'))).rejects.toThrow(/ENOENT/);
    for (const line of logs()) expect(typeof line.time).toBe('number');
  }, 30_000);

  it('rejects bad flags as bad input (exit 2)', async () => {
    const root = await makeTempRoot('driftwatch-watch-cli-');
    cleanups.push(() => root.cleanup());
    const badZone = await runMain(['watch', '--timezone', 'Mars/Olympus'], { cwd: root.dir });
    expect(badZone.code).toBe(2);
    expect(badZone.stderr).toMatch(/Mars\/Olympus/);
    const badEvery = await runMain(['watch', '--once-every-seconds', '7'], { cwd: root.dir });
    expect(badEvery.code).toBe(2);
    const badJitter = await runMain(['watch', '--jitter', '-1'], { cwd: root.dir });
    expect(badJitter.code).toBe(2);
    expect(badJitter.stderr).toMatch(/--jitter must be a number of seconds/);
  });
});
