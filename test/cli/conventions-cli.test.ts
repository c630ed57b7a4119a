// CLI conventions, in process through run(argv, io): the project found from any folder inside it, read-only commands
// that never create a store, store URLs that are checked, progress lines on stderr (each line once), the --format
// choices of the registry, the exit code of a scan that only failed on a too-large answer.
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { wantsColor } from '../../src/cli/io.js';
import { runMain } from '../helpers/run-main.js';
import { connectorBody, makeTempRoot, type TempRoot } from '../helpers/temp-root.js';
import { sendJson, startVendorServer, type VendorServer } from '../helpers/vendor-server.js';

describe('CLI conventions', () => {
  let vendor: VendorServer;
  let root: TempRoot;
  let bare: TempRoot;
  const env = { DRIFTWATCH_DB: undefined, DRIFTWATCH_SLACK_WEBHOOK: undefined };

  beforeAll(async () => {
    vendor = await startVendorServer({
      'GET /v1/invoices': (_req, res) => sendJson(res, 200, { data: [{ id: 'in_1', amount_due: 1200 }] }),
      // Fails once, then answers: the retry is announced on stderr.
      'GET /v1/flaky': (_req, res, ctx) => (ctx.hit === 1 ? sendJson(res, 503, { error: 'busy' }) : sendJson(res, 200, { id: 'f_1' })),
      'GET /v1/export': (_req, res) => sendJson(res, 200, { rows: Array.from({ length: 200 }, (_, i) => ({ id: `row_${i}`, note: 'x'.repeat(40) })) }),
    });
    root = await makeTempRoot('driftwatch-conventions-');
    await root.writeConnector('billing', connectorBody(vendor.url, [{ id: 'list-invoices', path: '/v1/invoices' }, { id: 'flaky', path: '/v1/flaky' }]));
    bare = await makeTempRoot('driftwatch-bare-');
  });
  afterAll(async () => {
    await vendor.close();
    await root.cleanup();
    await bare.cleanup();
  });

  it('read-only commands on a project never scanned exit 2 naming the store, and create nothing', async () => {
    const store = join(root.dir, '.driftwatch', 'history.db');
    for (const args of [['history'], ['outbox'], ['map'], ['report', '--out', '-'], ['ack', '1'], ['notify', '--flush'], ['accept', '--change', 'abcd1234', '--reason', 'r']]) {
      const run = await runMain(args, { cwd: root.dir, env });
      expect(run.code, args.join(' ')).toBe(2);
      expect(run.stderr, args.join(' ')).toContain(`no history store at ${store}`);
      expect(run.stdout, args.join(' ')).toBe('');
    }
    expect(existsSync(join(root.dir, '.driftwatch'))).toBe(false);
    const elsewhere = await runMain(['history', '--db', '/no/such/dir/x.db'], { cwd: root.dir, env });
    expect(elsewhere.code).toBe(2);
    expect(elsewhere.stderr).toContain('no history store at /no/such/dir/x.db');
    expect(existsSync('/no/such/dir')).toBe(false);
  });

  it('a store URL that is not PostgreSQL is an error, never a SQLite file named after it', async () => {
    for (const [args, extra] of [
      [['history', '--db', 'mysql://x'], {}],
      [['scan', '--db', 'mysql://x'], {}],
      [['history'], { DRIFTWATCH_DB: 'mongodb://db/x' }],
    ] as const) {
      const run = await runMain(args, { cwd: root.dir, env: { ...env, ...extra } });
      expect(run.code, args.join(' ')).toBe(2);
      expect(run.stderr).toMatch(/"(mysql|mongodb):\/\/" is not a history store driftwatch can open/);
    }
    expect((await readdir(root.dir)).sort()).toEqual(['contracts']);
    expect(vendor.requests.length).toBe(0);
  });

  it('finds the project from a folder inside it; the store is made at its root, not where the user stands', async () => {
    const deep = join(root.dir, 'contracts', 'billing');
    const accept = await runMain(['accept', '--samples', '1'], { cwd: deep, env });
    expect(accept.code).toBe(0);
    const run = await runMain(['scan', '--format', 'json'], { cwd: deep, env });
    expect(run.code).toBe(0);
    expect(existsSync(join(root.dir, '.driftwatch', 'history.db'))).toBe(true);
    expect(existsSync(join(deep, '.driftwatch'))).toBe(false);
    const history = await runMain(['history'], { cwd: deep, env });
    expect(history.code).toBe(0);
    expect(history.stdout).toBe('no drift recorded\n');
    expect((await runMain(['history', '--connector', 'nope'], { cwd: deep, env })).stdout).toBe('no drift matches connector nope\n');
  });

  it('--root wins over the folder found; outside any project, commands that read connectors exit 2 and create nothing', async () => {
    const other = await runMain(['history', '--root', bare.dir], { cwd: root.dir, env });
    expect(other.code).toBe(2);
    expect(other.stderr).toContain(join(bare.dir, '.driftwatch', 'history.db'));
    for (const args of [['scan'], ['verify'], ['map'], ['types'], ['accept']]) {
      const run = await runMain(args, { cwd: bare.dir, env });
      expect(run.code, args.join(' ')).toBe(2);
      expect(run.stderr, args.join(' ')).toContain(`no contracts/ folder in ${bare.dir} or any folder above it`);
    }
    expect(await readdir(bare.dir)).toEqual([]);
  });

  it('progress on stderr: the retry of a failing request, once; accept prints each snapshot once, on stdout', async () => {
    const fresh = await makeTempRoot('driftwatch-progress-');
    try {
      await fresh.writeConnector('billing', connectorBody(vendor.url, [{ id: 'flaky', path: '/v1/flaky' }]));
      vendor.route('GET /v1/flaky', (_req, res, ctx) => (ctx.hit === 1 ? sendJson(res, 503, { error: 'busy' }) : sendJson(res, 200, { id: 'f_1' })));
      const accept = await runMain(['accept', '--samples', '1'], { cwd: fresh.dir, env });
      expect(accept.code).toBe(0);
      expect(accept.stderr).toMatch(/^billing\/flaky: HTTP 503, retrying 2\/3 in \d+\.\d s$/m);
      expect(accept.stderr.match(/retrying/g)).toHaveLength(1);
      expect(accept.stderr).toContain('sampling billing (1 endpoint, 1 round)');
      const accepted = (accept.stdout + accept.stderr).split('\n').filter((line) => line.includes('billing/flaky') && !line.includes('retrying'));
      expect(accepted).toEqual(['accepted  billing/flaky → snapshots/billing/flaky.json (1 sample, status 200)']);
    } finally {
      await fresh.cleanup();
    }
  });

  it('a scan whose only failure is a too-large answer exits 2: the limit is in connector.yaml', async () => {
    const fresh = await makeTempRoot('driftwatch-too-large-');
    try {
      await fresh.writeConnector('exports', connectorBody(vendor.url, [{ id: 'export', path: '/v1/export' }], { maxBodyBytes: 2048 }));
      const run = await runMain(['scan', '--format', 'json'], { cwd: fresh.dir, env });
      const doc = JSON.parse(run.stdout) as { errors: Array<{ kind: string }>; summary: { breaking: number } };
      expect(doc.errors.map((e) => e.kind)).toEqual(['too-large']);
      expect(doc.summary.breaking).toBe(0);
      expect(run.code).toBe(2);
    } finally {
      await fresh.cleanup();
    }
  });

  it('--format offers exactly the outputs the registry has for the result kind', async () => {
    const run = await runMain(['scan', '--format', 'xml'], { cwd: root.dir, env });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('Allowed choices are text, json, junit, markdown, sarif');
    const history = await runMain(['history', '--format', 'sarif'], { cwd: root.dir, env });
    expect(history.code).toBe(2);
    expect(history.stderr).toContain('Allowed choices are text, json, markdown');
  });

  it('scan appends its Markdown, with each finding\'s message, to $GITHUB_STEP_SUMMARY', async () => {
    vendor.route('GET /v1/invoices', (_req, res) => sendJson(res, 200, { data: [{ id: 'in_1', amount_due: '12.00' }] }));
    const summary = join(root.dir, 'summary.md');
    await writeFile(summary, '# earlier step\n', 'utf8');
    const run = await runMain(['scan', '--no-notify'], { cwd: root.dir, env: { ...env, GITHUB_STEP_SUMMARY: summary } });
    expect(run.code).toBe(1);
    const md = await readFile(summary, 'utf8');
    expect(md.startsWith('# earlier step\n## driftwatch scan')).toBe(true);
    expect(md).toContain('| message |');
    expect(md).toMatch(/\$\.data\[\*\]\.amount_due changed type from integer to string/);
  });

  it('no colour unless asked: NO_COLOR wins, FORCE_COLOR forces it without a terminal', () => {
    const table: Array<[Record<string, string | undefined>, boolean, boolean]> = [
      [{}, true, true],
      [{}, false, false],
      [{ TERM: 'dumb' }, true, false],
      [{ NO_COLOR: '1' }, true, false],
      [{ NO_COLOR: '' }, true, true],
      [{ FORCE_COLOR: '1' }, false, true],
      [{ FORCE_COLOR: '0' }, false, true],
      [{ FORCE_COLOR: '' }, false, false],
      [{ FORCE_COLOR: '1', NO_COLOR: '1' }, true, false],
    ];
    for (const [given, tty, want] of table) expect(wantsColor(given, tty), `${JSON.stringify(given)} tty=${tty}`).toBe(want);
  });

  it('paints only when the io says colour', async () => {
    const plain = await runMain(['history'], { cwd: root.dir, env });
    // eslint-disable-next-line no-control-regex
    expect(plain.stdout).not.toMatch(/\u001b\[/);
    const painted = await runMain(['history'], { cwd: root.dir, env, color: true });
    // eslint-disable-next-line no-control-regex
    expect(painted.stdout).toMatch(/\u001b\[31mopen/);
  });

  it('the version is package.json\'s', async () => {
    const { version } = JSON.parse(await readFile(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
    const run = await runMain(['--version'], { cwd: root.dir });
    expect(run).toEqual({ code: 0, stdout: `${version}\n`, stderr: '' });
  });

  it('no arguments: the help on stderr, exit 2', async () => {
    const run = await runMain([], { cwd: root.dir });
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('Usage: driftwatch [options] [command]');
  });

  it('connector.yaml lines are known: SARIF points at the endpoint the finding is about', async () => {
    const file = join(root.dir, 'contracts', 'billing', 'connector.yaml');
    const lines = (await readFile(file, 'utf8')).split('\n');
    const line = lines.findIndex((l) => l.includes('id: list-invoices')) + 1;
    const run = await runMain(['scan', '--no-notify', '--format', 'sarif'], { cwd: root.dir, env });
    const log = JSON.parse(run.stdout) as { runs: Array<{ results: Array<{ ruleId: string; locations: Array<{ physicalLocation: unknown }> }> }> };
    const result = log.runs[0]!.results.find((r) => r.ruleId === 'response-property-type-changed')!;
    expect(result.locations[0]!.physicalLocation).toEqual({ artifactLocation: { uri: 'contracts/billing/connector.yaml', uriBaseId: '%SRCROOT%' }, region: { startLine: line } });
    expect(line).toBeGreaterThan(1);
  });
});

describe('connector.yaml written by hand: the endpoint lines SARIF points at', () => {
  it('are the lines of the endpoint items, whatever the layout', async () => {
    const root = await makeTempRoot('driftwatch-lines-');
    try {
      const text = ['# the billing connector', 'name: billing', 'owner: { name: Dana }', 'baseUrl: https://api.example.com', 'endpoints:', '', '  - path: /a', '    id: first', '  - { id: second, path: /b }', ''].join('\n');
      await mkdir(join(root.dir, 'contracts', 'billing'), { recursive: true });
      await writeFile(join(root.dir, 'contracts', 'billing', 'connector.yaml'), text, 'utf8');
      const { loadConnectors } = await import('../../src/config/load-connectors.js');
      const { connectors } = await loadConnectors(root.dir);
      expect(connectors[0]!.lines).toEqual({ connector: 2, endpoints: { first: 7, second: 9 } });
    } finally {
      await root.cleanup();
    }
  });
});
