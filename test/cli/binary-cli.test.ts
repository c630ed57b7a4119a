// What only the real binary can show (bin/driftwatch.js and processIo): help on stderr with no arguments, the version,
// colour decided from NO_COLOR / FORCE_COLOR when stdout is a pipe, and a reader that goes away (`| head`) ending the
// output quietly instead of an EPIPE crash.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fingerprintOf } from '../../src/core/classify.js';
import type { Finding } from '../../src/core/model.js';
import { openSqliteStore } from '../../src/store/sqlite-store.js';
import { BIN, runCli } from '../helpers/run-cli.js';
import { makeTempRoot, type TempRoot } from '../helpers/temp-root.js';

function finding(i: number): Finding {
  const path = `$.data[*].field_${i}`;
  return {
    connector: 'billing',
    endpoint: 'list-invoices',
    rule: 'response-property-removed',
    severity: 'breaking',
    path,
    message: `${path} was removed`,
    evidence: [{ source: 'snapshot', message: `${path} was removed` }],
    fingerprint: fingerprintOf('billing', 'list-invoices', 'response-property-removed', path),
  };
}

describe('the driftwatch binary', () => {
  let root: TempRoot;
  const env = { DRIFTWATCH_DB: undefined, FORCE_COLOR: undefined, NO_COLOR: undefined };

  beforeAll(async () => {
    root = await makeTempRoot('driftwatch-binary-');
    await root.writeConnector('billing', 'name: billing\n');
    // A history long enough to fill a pipe several times over.
    const store = await openSqliteStore(join(root.dir, '.driftwatch', 'history.db'));
    try {
      const run = await store.startRun('scan', ['billing'], '2026-11-23T03:00:00.000Z');
      await store.recordChanges(run.id, Array.from({ length: 1500 }, (_, i) => finding(i)), { observed: [] }, '2026-11-23T03:00:01.000Z');
      await store.finishRun(run.id, { breaking: 1500, warning: 0, info: 0, errors: 0 }, '2026-11-23T03:00:02.000Z');
    } finally {
      await store.close();
    }
  });
  afterAll(() => root.cleanup());

  it('no arguments: usage on stderr, nothing on stdout, exit 2', async () => {
    const run = await runCli([], { cwd: root.dir, env });
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/^Usage: driftwatch \[options\] \[command\]/);
  });

  it('colour through a pipe only with FORCE_COLOR, and never with NO_COLOR', async () => {
    const args = ['history', '--limit', '1'];
    // eslint-disable-next-line no-control-regex
    const ansi = /\u001b\[\d+m/;
    expect((await runCli(args, { cwd: root.dir, env: { ...env, NO_COLOR: '' } })).stdout).not.toMatch(ansi);
    expect((await runCli(args, { cwd: root.dir, env: { ...env, NO_COLOR: '', FORCE_COLOR: '1' } })).stdout).toMatch(ansi);
    expect((await runCli(args, { cwd: root.dir, env: { ...env, NO_COLOR: '1', FORCE_COLOR: '1' } })).stdout).not.toMatch(ansi);
  });

  it('`driftwatch history | head`: the reader leaves early, the command exits quietly with its own code', async () => {
    const child = spawn(process.execPath, [BIN, 'history', '--limit', '1500'], { cwd: root.dir, env: { ...process.env, NO_COLOR: '1' }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    // Like head: read the first chunk, then close the pipe while the writer has much more to say.
    const first = await new Promise<string>((resolve) => child.stdout.once('data', (chunk: Buffer) => resolve(chunk.toString('utf8'))));
    child.stdout.destroy();
    const code = await new Promise<number | null>((resolve) => child.once('close', resolve));
    expect(first).toMatch(/^#\d+/);
    expect(stderr).toBe('');
    expect(code).toBe(0);
  });
});
