// The long-running commands in process: `watch` and `demo --serve` run until the io says stop (SIGTERM or SIGINT in
// the binary, see test/schedule/watch-cli.test.ts), then exit 0; the io's writers and signal hooks themselves.
import { PassThrough } from 'node:stream';
import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run } from '../../src/cli/main.js';
import { processSignals, quietOnClose } from '../../src/cli/io.js';
import { testIo } from '../helpers/run-main.js';
import { connectorBody, makeTempRoot, type TempRoot } from '../helpers/temp-root.js';
import { sendJson, startVendorServer, type VendorServer } from '../helpers/vendor-server.js';

/** An io whose stop signal the test sends. */
function stoppableIo(cwd: string, env: Record<string, string | undefined> = {}) {
  let stop: ((signal: string) => void) | undefined;
  let listening = false;
  const io = {
    ...testIo({ cwd, env: { DRIFTWATCH_DB: undefined, ...env } }),
    onStop(fn: (signal: string) => void) {
      stop = fn;
      listening = true;
      return () => void (listening = false);
    },
  };
  return { io, send: (signal: string) => stop?.(signal), listening: () => listening };
}

async function until<T>(what: string, probe: () => T | undefined, text: () => string): Promise<T> {
  for (let i = 0; i < 600; i++) {
    const hit = probe();
    if (hit !== undefined) return hit;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`no ${what} within 15 s:\n${text()}`);
}

describe('long-running commands in process', () => {
  let vendor: VendorServer;
  let root: TempRoot;
  beforeAll(async () => {
    vendor = await startVendorServer({ '/things': (_req, res) => sendJson(res, 200, { id: 't_1' }) });
    root = await makeTempRoot('driftwatch-long-');
    await root.writeConnector('alpha', connectorBody(vendor.url, [{ id: 'things', path: '/things' }], { schedule: '0 3 * * *' }));
  });
  afterAll(async () => {
    await vendor.close();
    await root.cleanup();
  });

  it('watch serves health until told to stop, then stops listening and exits 0', async () => {
    const { io, send, listening } = stoppableIo(root.dir);
    const code = run(['watch', '--port', '0', '--once-every-seconds', '1', '--no-notify', '--jitter', '0'], io);
    const logs = () => io.err.join('').split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l) as { msg: string; url?: string; connector?: string });
    const started = await until('start line', () => logs().find((l) => l.msg === 'driftwatch watch started'), () => io.err.join(''));
    await until('a run', () => logs().find((l) => l.msg === 'run finished' && l.connector === 'alpha'), () => io.err.join(''));
    expect((await request(`${started.url!}/healthz`)).statusCode).toBe(200);
    expect(listening()).toBe(true);
    send('SIGTERM');
    expect(await code).toBe(0);
    expect(listening()).toBe(false);
    expect(logs().some((l) => l.msg === 'driftwatch watch stopped')).toBe(true);
  });

  it('watch refuses bad flags before it opens anything', async () => {
    for (const [flag, value, message] of [
      ['--timezone', 'Mars/Olympus', /Mars\/Olympus/],
      ['--once-every-seconds', '7', /divisor of 60/],
      ['--once-every-seconds', '0', /whole number of seconds/],
      ['--jitter', '-1', /--jitter must be a number of seconds/],
      ['--outbox-every', 'soon', /--outbox-every must be a number of seconds/],
    ] as const) {
      const { io } = stoppableIo(root.dir);
      expect(await run(['watch', flag, value], io), `${flag} ${value}`).toBe(2);
      expect(io.err.join('')).toMatch(message);
    }
  });

  it('demo --serve runs the demo vendor until told to stop', async () => {
    const { io, send } = stoppableIo(root.dir, { LEDGERLY_API_KEY: 'tok_serve_1' });
    const code = run(['demo', '--serve', '--port', '0', '--release', 'v2'], io);
    const url = await until('the vendor URL', () => /on (http:\/\/127\.0\.0\.1:\d+)/.exec(io.out.join(''))?.[1], () => io.out.join(''));
    expect(io.out.join('')).toContain('(v2)');
    expect(io.out.join('')).toContain('"<yours>"');
    const answer = await request(`${url}/v1/invoices`, { headers: { authorization: 'Bearer tok_serve_1' } });
    expect(answer.statusCode).toBe(200);
    await answer.body.dump();
    send('SIGINT');
    expect(await code).toBe(0);
  });
});

describe('the process io', () => {
  it('a writer whose reader left goes quiet instead of throwing', () => {
    const stream = new PassThrough();
    const written: string[] = [];
    stream.on('data', (chunk: Buffer) => written.push(chunk.toString()));
    const write = quietOnClose(stream);
    write('one\n');
    stream.emit('error', Object.assign(new Error('write EPIPE'), { code: 'EPIPE' }));
    write('two\n');
    expect(written).toEqual(['one\n']);
    expect(() => stream.emit('error', Object.assign(new Error('disk full'), { code: 'ENOSPC' }))).toThrow('disk full');
  });

  it('listens to SIGTERM and SIGINT until told to stop listening', () => {
    const before = [process.listenerCount('SIGTERM'), process.listenerCount('SIGINT')];
    const seen: string[] = [];
    const off = processSignals((signal) => seen.push(signal));
    expect([process.listenerCount('SIGTERM'), process.listenerCount('SIGINT')]).toEqual([before[0]! + 1, before[1]! + 1]);
    off();
    expect([process.listenerCount('SIGTERM'), process.listenerCount('SIGINT')]).toEqual(before);
    expect(seen).toEqual([]);
  });
});
