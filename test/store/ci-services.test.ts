// scripts/ci-services.sh on a fresh machine: installs build tools (better-sqlite3) and Chromium with one `apt-get update`
// when root, and Debian's PostgreSQL only when asked (the tests start their own). Run with stub commands.
import { spawnSync } from 'node:child_process';
import { chmod, copyFile, mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

const SCRIPTS = resolve(import.meta.dirname, '../../scripts');

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'driftwatch-ci-services-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

interface Machine {
  root: boolean;
  /** Which of python3, make, g++ are installed. */
  tools: string[];
  postgres: boolean;
  chromium: boolean;
  /** Use the real start-postgres.sh instead of a stub that records its call. */
  realStartPostgres?: boolean;
  env?: Record<string, string>;
}

async function exe(file: string, body: string): Promise<void> {
  await writeFile(file, `#!/bin/bash\n${body}\n`);
  await chmod(file, 0o755);
}

async function run(machine: Machine): Promise<{ status: number | null; stderr: string; calls: string[] }> {
  const box = await mkdtemp(join(dir, 'machine-'));
  const repo = join(box, 'repo');
  const bin = join(box, 'bin');
  const log = join(box, 'calls.log');
  await mkdir(join(repo, 'scripts'), { recursive: true });
  await mkdir(bin, { recursive: true });
  await writeFile(log, '');
  await copyFile(join(SCRIPTS, 'ci-services.sh'), join(repo, 'scripts', 'ci-services.sh'));
  if (machine.realStartPostgres) await copyFile(join(SCRIPTS, 'start-postgres.sh'), join(repo, 'scripts', 'start-postgres.sh'));
  else await exe(join(repo, 'scripts', 'start-postgres.sh'), `echo "start-postgres" >> ${log}; echo postgres://x`);
  // Only what the scripts need from the system; the rest are stubs that record their calls.
  for (const tool of ['bash', 'dirname', 'ls', 'sort', 'tail', 'cat']) {
    const found = spawnSync('bash', ['-c', `command -v ${tool}`], { encoding: 'utf8' }).stdout.trim();
    await symlink(found, join(bin, tool));
  }
  await exe(join(bin, 'id'), `echo ${machine.root ? 0 : 1000}`);
  await exe(join(bin, 'apt-get'), `echo "apt-get $*" >> ${log}`);
  await exe(join(bin, 'runuser'), `echo "runuser $*" >> ${log}`);
  for (const tool of machine.tools) await exe(join(bin, tool), 'exit 0');
  const pgLib = join(box, 'postgresql');
  await mkdir(join(pgLib, '15', 'bin'), { recursive: true });
  if (machine.postgres) for (const tool of ['initdb', 'pg_ctl']) await exe(join(pgLib, '15', 'bin', tool), 'exit 0');
  const chromium = join(box, 'chromium');
  if (machine.chromium) await exe(chromium, 'exit 0');

  const result = spawnSync(join(bin, 'bash'), [join(repo, 'scripts', 'ci-services.sh')], {
    encoding: 'utf8',
    env: { PATH: bin, HOME: box, DRIFTWATCH_PG_LIB: pgLib, DRIFTWATCH_CHROMIUM: chromium, ...machine.env },
  });
  const calls = (await readFile(log, 'utf8')).split('\n').filter((line) => line !== '');
  return { status: result.status, stderr: result.stderr, calls };
}

describe('scripts/ci-services.sh', () => {
  it('as root on a machine with only Node: one apt-get update, then the build tools and Chromium; no PostgreSQL (the tests bring their own)', async () => {
    const { status, stderr, calls } = await run({ root: true, tools: [], postgres: false, chromium: false });
    expect(status, stderr).toBe(0);
    expect(calls[0]).toBe('apt-get update');
    expect(calls.filter((c) => c === 'apt-get update')).toHaveLength(1);
    const installs = calls.filter((c) => c.startsWith('apt-get install')).join(' ').split(' ');
    expect(installs).toEqual(expect.arrayContaining(['python3', 'make', 'g++', 'chromium']));
    expect(installs).not.toContain('postgresql');
    expect(calls).not.toContain('start-postgres');
  });

  it('as root with only the build tools missing: installs just those', async () => {
    const { status, stderr, calls } = await run({ root: true, tools: ['python3'], postgres: false, chromium: true });
    expect(status, stderr).toBe(0);
    expect(calls).toEqual(['apt-get update', 'apt-get install -y --no-install-recommends make g++']);
  });

  it('as root with everything present: no apt-get at all', async () => {
    const { status, stderr, calls } = await run({ root: true, tools: ['python3', 'make', 'g++'], postgres: false, chromium: true });
    expect(status, stderr).toBe(0);
    expect(calls).toEqual([]);
  });

  it('DRIFTWATCH_SYSTEM_PG=1 as root also installs and starts Debian\'s PostgreSQL', async () => {
    const missing = await run({ root: true, tools: ['python3', 'make', 'g++'], postgres: false, chromium: true, env: { DRIFTWATCH_SYSTEM_PG: '1' } });
    expect(missing.status, missing.stderr).toBe(0);
    expect(missing.calls).toEqual(['apt-get update', 'apt-get install -y --no-install-recommends postgresql', 'start-postgres']);
    const present = await run({ root: true, tools: ['python3', 'make', 'g++'], postgres: true, chromium: true, env: { DRIFTWATCH_SYSTEM_PG: '1' } });
    expect(present.calls).toEqual(['start-postgres']);
  });

  it('not root: says what is missing and goes on, under CI too; a wanted system PostgreSQL it cannot install fails', async () => {
    const machine: Machine = { root: false, tools: ['python3', 'make', 'g++'], postgres: false, chromium: false, realStartPostgres: true };
    for (const env of [{}, { CI: 'true' }] as Array<Record<string, string>>) {
      const result = await run({ ...machine, env });
      expect(result.status, result.stderr).toBe(0);
      expect(result.stderr).toMatch(/no Chromium found and we are not root/);
      expect(result.calls).toEqual([]);
    }
    const wanted = await run({ ...machine, env: { DRIFTWATCH_SYSTEM_PG: '1' } });
    expect(wanted.status).not.toBe(0);
    expect(wanted.stderr).toMatch(/PostgreSQL is not installed and we are not root/);
  });
});
