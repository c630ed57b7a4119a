// `driftwatch ack` and `driftwatch report` through the real binary: finding drifts, notes, redaction, bad input.
import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fingerprintOf } from '../../src/core/classify.js';
import type { Finding } from '../../src/core/model.js';
import type { DriftRecord } from '../../src/store/history-store.js';
import { openSqliteStore } from '../../src/store/sqlite-store.js';
import { runMain } from '../helpers/run-main.js';
import { connectorBody, makeTempRoot, type TempRoot } from '../helpers/temp-root.js';

const TOKEN = 'ledgerly_token_value_9931';

function change(path: string, severity: Finding['severity'] = 'breaking'): Finding {
  return {
    connector: 'billing',
    endpoint: 'list-invoices',
    rule: 'response-property-removed',
    severity,
    path,
    message: `${path} was removed`,
    evidence: [{ source: 'snapshot', message: 'm' }],
    fingerprint: fingerprintOf('billing', 'list-invoices', 'response-property-removed', path),
  };
}

/** Two paths whose fingerprints share their first four hex digits: an ambiguous prefix. */
function collidingPaths(): [string, string] {
  const seen = new Map<string, string>();
  for (let i = 0; ; i++) {
    const path = `$.field_${i}`;
    const prefix = change(path).fingerprint.slice(0, 4);
    const other = seen.get(prefix);
    if (other) return [other, path];
    seen.set(prefix, path);
  }
}

describe('driftwatch ack', () => {
  let root: TempRoot;
  const env = { LEDGERLY_API_KEY: TOKEN };
  const cli = (...args: string[]) => runMain(args, { cwd: root.dir, env });
  const [twinA, twinB] = collidingPaths();
  const drift = async (path: string): Promise<DriftRecord> => {
    const store = await openSqliteStore(join(root.dir, '.driftwatch', 'history.db'));
    try {
      return (await store.getDrift(change(path).fingerprint))!;
    } finally {
      await store.close();
    }
  };

  beforeAll(async () => {
    root = await makeTempRoot('driftwatch-ack-');
    await root.writeConnector('billing', connectorBody('http://127.0.0.1:9', [{ id: 'list-invoices', path: '/v1/invoices' }], { auth: { type: 'bearer', tokenEnv: 'LEDGERLY_API_KEY' } }));
    const store = await openSqliteStore(join(root.dir, '.driftwatch', 'history.db'));
    try {
      const observed = { observed: [{ connector: 'billing', endpoint: 'list-invoices', source: 'snapshot' }] };
      const first = await store.startRun('scan', ['billing'], '2026-11-20T03:00:00.000Z');
      await store.recordChanges(first.id, [change('$.amount_due'), change('$.memo', 'warning'), change('$.gone'), change(twinA), change(twinB)], observed, '2026-11-20T03:00:00.000Z');
      const second = await store.startRun('scan', ['billing'], '2026-11-21T03:00:00.000Z');
      // `$.gone` is not seen again: resolved.
      await store.recordChanges(second.id, [change('$.amount_due'), change('$.memo', 'warning'), change(twinA), change(twinB)], observed, '2026-11-21T03:00:00.000Z');
    } finally {
      await store.close();
    }
  });
  afterAll(() => root.cleanup());

  it('acknowledges by id with a root-cause note', async () => {
    const target = await drift('$.amount_due');
    const run = await cli('ack', String(target.id), '--note', 'Ledgerly release 2026-11 retyped amounts');
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`acknowledged #${target.id} billing/list-invoices response-property-removed $.amount_due`);
    expect(run.stdout).toContain('root cause: Ledgerly release 2026-11 retyped amounts');
    expect(await drift('$.amount_due')).toMatchObject({ status: 'acknowledged', note: 'Ledgerly release 2026-11 retyped amounts' });
  });

  it('accepts #id and a unique fingerprint prefix, and asks for a note when none is given', async () => {
    const memo = await drift('$.memo');
    const byHash = await cli('ack', `#${memo.id}`);
    expect(byHash.code).toBe(0);
    expect(byHash.stdout).toContain('no root-cause note yet');
    expect(await drift('$.memo')).toMatchObject({ status: 'acknowledged', note: null });

    const byPrefix = await cli('ack', memo.fingerprint.slice(0, 7), '--note', 'expected: vendor dropped a deprecated field', '--format', 'json');
    expect(byPrefix.code).toBe(0);
    expect((JSON.parse(byPrefix.stdout) as { drift: DriftRecord }).drift).toMatchObject({ id: memo.id, note: 'expected: vendor dropped a deprecated field' });
  });

  it('adds a post-mortem note to a resolved drift without reopening it', async () => {
    const gone = await drift('$.gone');
    expect(gone.status).toBe('resolved');
    const run = await cli('ack', gone.fingerprint, '--note', 'vendor rolled back within a day');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('note added to resolved drift');
    expect(await drift('$.gone')).toMatchObject({ status: 'resolved', note: 'vendor rolled back within a day' });
  });

  it('never stores a secret pasted into a note', async () => {
    const target = await drift(twinA);
    const run = await cli('ack', String(target.id), '--note', `curl -H "Authorization: Bearer ${TOKEN}" returned the old shape`);
    expect(run.code).toBe(0);
    const saved = await drift(twinA);
    expect(saved.note).toContain('[REDACTED]');
    expect(saved.note).not.toContain(TOKEN);
    for (const file of await readdir(join(root.dir, '.driftwatch'))) {
      expect((await readFile(join(root.dir, '.driftwatch', file))).includes(TOKEN)).toBe(false);
    }
  });

  it('rejects what it cannot find, an ambiguous prefix and an empty note with exit 2', async () => {
    const missing = await cli('ack', '424242');
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('no drift "424242"');

    const ambiguous = await cli('ack', change(twinA).fingerprint.slice(0, 4), '--note', 'x');
    expect(ambiguous.code).toBe(2);
    expect(ambiguous.stderr).toContain('matches 2 drifts');

    const empty = await cli('ack', '1', '--note', '  ');
    expect(empty.code).toBe(2);
    expect(empty.stderr).toContain('--note must not be empty');
  });
});

describe('driftwatch report flags', () => {
  let root: TempRoot;
  beforeAll(async () => {
    root = await makeTempRoot('driftwatch-report-cli-');
    await root.writeConnector('billing', connectorBody('http://127.0.0.1:9', [{ id: 'list-invoices', path: '/v1/invoices' }]));
  });
  afterAll(() => root.cleanup());

  it('needs a history: without one it exits 2 naming where it looked, and creates nothing', async () => {
    const run = await runMain(['report', '--out', '-'], { cwd: root.dir, env: { DRIFTWATCH_DB: undefined } });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`no history store at ${join(root.dir, '.driftwatch', 'history.db')}`);
    expect(run.stdout).toBe('');
    expect(await readdir(root.dir)).toEqual(['contracts']);
    // An empty history, as a first scan leaves it: the report has something to read.
    await (await openSqliteStore(join(root.dir, '.driftwatch', 'history.db'))).close();
  });

  it('writes to stdout with --out - and leaves no file behind', async () => {
    const run = await runMain(['report', '--out', '-'], { cwd: root.dir });
    expect(run.code).toBe(0);
    expect(run.stdout.startsWith('<!doctype html>')).toBe(true);
    expect(run.stdout).toContain('data-connector="billing"');
    expect((await readdir(root.dir)).filter((f) => f.endsWith('.html'))).toEqual([]);
  });

  it('writes report.html where the user stands by default', async () => {
    const run = await runMain(['report'], { cwd: root.dir });
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^wrote report\.html: 1 connector\(s\), 0 incident\(s\) in 30 day\(s\)/);
    expect(await readFile(join(root.dir, 'report.html'), 'utf8')).toContain('never scanned');
  });

  it('rejects a window that is not a whole number of days', async () => {
    for (const since of ['0', '-3', 'soon', '1.5']) {
      const run = await runMain(['report', '--since', since, '--out', '-'], { cwd: root.dir });
      expect(run.code, since).toBe(2);
      expect(run.stderr).toContain('--since must be a whole number of days');
    }
  });
});
