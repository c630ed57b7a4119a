// The user's first hour, as a test: pack driftwatch (`npm pack`), install the tarball into a fresh project, then
// `npx driftwatch init`, `accept` and `scan` there against a local vendor, run the scaffolded contract test, and use
// the library entry point from JavaScript and TypeScript.
//
// How it installs without compiling better-sqlite3 (~75 s from source here; its prebuilt download is blocked):
// `npm install --prefer-offline --ignore-scripts`, then the native module that the main install already built is
// copied into the project's better-sqlite3. Faithful because the version is pinned (the test checks both sides are the
// same version) and the build is for this very Node on this very machine: it is the file better-sqlite3's install
// script would produce. better-sqlite3 is the only runtime dependency with an install script (package-lock's
// hasInstallScript), so --ignore-scripts skips nothing else a user gets. --prefer-offline resolves from npm's cache,
// which the main install filled; anything missing there still comes from the registry, as it would for a user.
// The tarball is packed with --ignore-scripts: `npm test` has just built dist/ (the `prepare` script would rebuild it).
import { spawn } from 'node:child_process';
import { copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseDocument } from 'yaml';
import { sendJson, startVendorServer, type VendorServer } from '../helpers/vendor-server.js';

const REPO = fileURLToPath(new URL('../../', import.meta.url));
const TOKEN = 'tok_first_hour_4417';

interface Done {
  code: number;
  stdout: string;
  stderr: string;
}

function exec(command: string, args: string[], cwd: string, env: Record<string, string> = {}): Promise<Done> {
  return new Promise((resolve, reject) => {
    // CI exports npm_config_build_from_source for the main install; npm 11 warns about that key on every npx
    // ("Unknown env config"), which is npm talking, not driftwatch. This test installs with --ignore-scripts anyway.
    const { npm_config_build_from_source: _buildFromSource, ...inherited } = process.env;
    const child = spawn(command, args, {
      cwd,
      env: { ...inherited, NO_COLOR: '1', npm_config_update_notifier: 'false', npm_config_fund: 'false', npm_config_audit: 'false', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.once('error', reject);
    child.once('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}

async function ok(command: string, args: string[], cwd: string, env?: Record<string, string>): Promise<Done> {
  const done = await exec(command, args, cwd, env);
  if (done.code !== 0) throw new Error(`${command} ${args.join(' ')} exited ${done.code}:\n${done.stderr.slice(-3000)}\n${done.stdout.slice(-2000)}`);
  return done;
}

/** Who the vendor is today: `v2` drops a field the snapshot saw in every sample. */
let release: 'v1' | 'v2' = 'v1';

describe('driftwatch installed from its tarball into a fresh project', () => {
  let work: string;
  let project: string;
  let packed: string[];
  let vendor: VendorServer;

  beforeAll(async () => {
    work = await mkdtemp(join(tmpdir(), 'driftwatch-install-'));
    project = join(work, 'my-service');
    await mkdir(project);
    const pack = await ok('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', work], REPO);
    const [info] = JSON.parse(pack.stdout) as Array<{ filename: string; files: Array<{ path: string }> }>;
    packed = info!.files.map((f) => f.path);

    await writeFile(join(project, 'package.json'), `${JSON.stringify({ name: 'my-service', version: '1.0.0', private: true, type: 'module' }, null, 2)}\n`);
    await ok('npm', ['install', '--save-dev', '--prefer-offline', '--ignore-scripts', join(work, info!.filename)], project);

    const ours = createRequire(import.meta.url).resolve('better-sqlite3/package.json');
    const theirs = join(project, 'node_modules', 'better-sqlite3', 'package.json');
    const version = async (file: string) => (JSON.parse(await readFile(file, 'utf8')) as { version: string }).version;
    expect(await version(theirs), 'the installed better-sqlite3 is the version whose build is reused').toBe(await version(ours));
    const native = join('build', 'Release', 'better_sqlite3.node');
    await mkdir(join(dirname(theirs), 'build', 'Release'), { recursive: true });
    await copyFile(join(dirname(ours), native), join(dirname(theirs), native));

    vendor = await startVendorServer({
      'GET /v1/things': (req, res) =>
        req.headers.authorization !== `Bearer ${TOKEN}`
          ? sendJson(res, 401, { error: 'bad token' })
          : // A page of 20 things: a field gone from all of them is clear evidence (see the README's evidence policy).
            sendJson(res, 200, { data: Array.from({ length: 20 }, (_, i) => ({ id: `thing_${i}`, amount: 100 + i, ...(release === 'v1' ? { currency: 'eur' } : {}) })) }),
    });
  }, 300_000);

  afterAll(async () => {
    await vendor?.close();
    if (work) await rm(work, { recursive: true, force: true });
  });

  it('ships what a user needs and nothing else', () => {
    expect(packed).toEqual(expect.arrayContaining(['package.json', 'README.md', 'LICENSE', 'bin/driftwatch.js', 'dist/src/index.js', 'dist/src/index.d.ts', 'dist/src/cli/main.js']));
    // The demo's example connector (its data, not its tests).
    expect(packed).toEqual(expect.arrayContaining(['contracts/billing/connector.yaml', 'contracts/billing/openapi.yaml']));
    const stray = packed.filter((p) => /^(test|src|scripts|\.ci|dist\/test|dist\/contracts)\//.test(p) || /\.(ts|map)$/.test(p.replace(/\.d\.ts$/, '')));
    expect(stray).toEqual([]);
  });

  it('npx driftwatch init, accept, scan: clean, then exit 1 on the vendor release that drops a field', async () => {
    const npx = (args: string[]) => exec('npx', ['driftwatch', ...args], project, { GH_API_KEY: TOKEN });
    const init = await npx(['init', '--ci', 'github', '--connector', 'github']);
    expect(init.stderr).toBe('');
    expect(init.code).toBe(0);
    expect(init.stdout).toContain('created  .github/workflows/driftwatch.yml');
    expect(init.stdout).toContain('export GH_API_KEY=<token>');
    const manifest = JSON.parse(await readFile(join(project, 'package.json'), 'utf8')) as { scripts: Record<string, string>; devDependencies: Record<string, string> };
    expect(Object.keys(manifest.devDependencies).sort()).toEqual(['@pact-foundation/pact', 'driftwatch', 'vitest']);
    expect(manifest.scripts['contracts']).toBe('vitest run contracts/');
    expect(await readFile(join(project, '.gitignore'), 'utf8')).toContain('.driftwatch/');

    // What the user does next: point the connector at their vendor.
    const file = join(project, 'contracts', 'github', 'connector.yaml');
    const doc = parseDocument(await readFile(file, 'utf8'));
    doc.set('baseUrl', vendor.url);
    await writeFile(file, doc.toString());

    const accept = await npx(['accept']);
    expect(accept.code, accept.stderr).toBe(0);
    expect(JSON.parse(await readFile(join(project, 'snapshots', 'github', 'list-things.json'), 'utf8'))).toBeTruthy();

    const clean = await npx(['scan']);
    expect(clean.code, clean.stderr + clean.stdout).toBe(0);
    release = 'v2';
    const drift = await npx(['scan']);
    expect(drift.code, drift.stderr + drift.stdout).toBe(1);
    expect(drift.stdout).toContain('currency');
    expect(drift.stdout + drift.stderr).not.toContain(TOKEN);
  }, 120_000);

  it('the scaffolded contract test runs with what init added (npm install, npm run contracts) and writes its pact', async () => {
    await ok('npm', ['install', '--prefer-offline', '--ignore-scripts'], project);
    const contracts = await exec('npm', ['run', 'contracts'], project, { PACT_DO_NOT_TRACK: 'true' });
    expect(contracts.code, contracts.stderr + contracts.stdout).toBe(0);
    const pact = JSON.parse(await readFile(join(project, 'contracts', 'pacts', 'my-service-github.json'), 'utf8')) as { provider: { name: string } };
    expect(pact.provider.name).toBe('github');
  }, 180_000);

  it('the library: one entry point with the documented API, typed; deep imports are closed', async () => {
    const script = [
      "import * as dw from 'driftwatch';",
      "const names = ['scan', 'accept', 'acceptSpec', 'verify', 'notifyRun', 'diffSpecs', 'defineConnector', 'defineRule', 'openStore'];",
      'console.log(JSON.stringify(names.filter((n) => typeof dw[n] !== "function")));',
      "await import('driftwatch/dist/src/app/scan.js').then(() => console.log('deep import allowed'), (e) => console.log(e.code));",
    ].join('\n');
    const js = await ok(process.execPath, ['--input-type=module', '-e', script], project);
    expect(js.stdout).toBe('[]\nERR_PACKAGE_PATH_NOT_EXPORTED\n');

    await writeFile(
      join(project, 'use.ts'),
      [
        "import { acceptSpec, diffSpecs, notifyRun, scan, type ScanResult, type NotifyReport } from 'driftwatch';",
        'export const calls: Array<(...args: never[]) => unknown> = [acceptSpec, diffSpecs, notifyRun, scan];',
        'export type Both = [ScanResult, NotifyReport];',
        "// @ts-expect-error: a wrong argument type must be an error, or the types say nothing",
        "export const wrong = () => acceptSpec(42, 'x');",
      ].join('\n'),
    );
    const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
    const typed = await exec(process.execPath, [tsc, '--noEmit', '--strict', '--skipLibCheck', '--module', 'nodenext', '--moduleResolution', 'nodenext', 'use.ts'], project);
    expect(typed.stdout + typed.stderr).toBe('');
    expect(typed.code).toBe(0);
  }, 60_000);
});
