// verify --live: what the live vendor answers reaches text, JSON, JUnit and the step summary only after redaction,
// objects and arrays included (the verifier's expected/actual are parsed JSON, not only strings).
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verify } from '../../src/app/verify.js';
import { run } from '../../src/cli/main.js';
import type { CliIo } from '../../src/cli/io.js';
import type { TempRoot } from '../helpers/temp-root.js';
import { acceptRelease, acmeRoot, TOKEN, TOKEN_ENV, writeAcmePact } from './pact-world.js';

const NOW = new Date('2026-11-20T10:00:00Z');
/** Neither a known secret nor credential-shaped: only its field name says it is secret. */
const ECHOED = 'opaque-session-value-4711';

function testIo(env: Record<string, string | undefined>): CliIo & { out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, stdout: (t) => void out.push(t), stderr: (t) => void err.push(t), env, cwd: tmpdir(), color: false, now: () => NOW };
}

describe('driftwatch verify --live redaction', () => {
  let server: Server;
  let root: TempRoot;
  let scratch: string;

  beforeAll(async () => {
    // A vendor that renamed the pinned amount_due and echoes a secret-named field in every row and at the top.
    server = createServer((req, res) => {
      req.resume();
      res.setHeader('content-type', 'application/json');
      if (req.headers.authorization !== `Bearer ${TOKEN}`) {
        res.statusCode = 401;
        res.end('{}');
        return;
      }
      const data = [1, 2].map((i) => ({ id: `inv_000${i}`, amount: 1000 * i, session_token: ECHOED, client_secret: `${ECHOED}-${i}` }));
      res.end(JSON.stringify({ has_more: { session_token: ECHOED }, data }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    root = await acmeRoot('acme', `http://127.0.0.1:${(server.address() as AddressInfo).port}`);
    await writeAcmePact(join(root.dir, 'contracts', 'pacts'), 'acme');
    await acceptRelease(root.dir, 'acme', 'v1');
    scratch = await mkdtemp(join(tmpdir(), 'driftwatch-verify-redact-'));
  });

  afterAll(async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await root.cleanup();
    await rm(scratch, { recursive: true, force: true });
  });

  it('never shows a secret-named field the vendor echoes, in the result or any output format', async () => {
    const result = await verify({ root: root.dir, env: { [TOKEN_ENV]: TOKEN }, now: () => NOW, timeoutMs: 5_000, live: true });
    const changes = result.connectors.flatMap((c) => c.interactions).flatMap((i) => i.changes);
    expect(changes.length).toBeGreaterThan(0);
    expect(JSON.stringify(result)).not.toContain(ECHOED);

    for (const format of ['text', 'json']) {
      const junit = join(scratch, `${format}.xml`);
      const summary = join(scratch, `${format}.md`);
      const io = testIo({ [TOKEN_ENV]: TOKEN, GITHUB_STEP_SUMMARY: summary });
      const code = await run(['verify', '--root', root.dir, '--live', '--format', format, '--junit', junit], io);
      expect(code).toBe(1);
      const outputs = [io.out.join(''), io.err.join(''), await readFile(junit, 'utf8'), await readFile(summary, 'utf8')];
      for (const output of outputs) {
        expect(output).not.toContain(ECHOED);
        expect(output).not.toContain(TOKEN);
      }
    }
  });
});
