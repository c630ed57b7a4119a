import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verify, type VerifyResult } from '../../src/app/verify.js';
import { run } from '../../src/cli/main.js';
import type { CliIo } from '../../src/cli/io.js';
import { sarifErrors, schemaErrors } from '../helpers/output-schemas.js';
import type { TempRoot } from '../helpers/temp-root.js';
import { acceptRelease, acmeRoot, startAcme, TOKEN, TOKEN_ENV, writeAcmePact, writeGhostPact, type Vendor } from './pact-world.js';

const NOW = new Date('2026-11-20T10:00:00Z');

function options(root: string, extra: Partial<Parameters<typeof verify>[0]> = {}): Parameters<typeof verify>[0] {
  return { root, env: { [TOKEN_ENV]: TOKEN }, now: () => NOW, timeoutMs: 5_000, ...extra };
}

function interaction(result: VerifyResult, description: string) {
  const found = result.connectors.flatMap((c) => c.interactions).find((i) => i.description === description);
  if (!found) throw new Error(`no interaction "${description}"`);
  return found;
}

function testIo(env: Record<string, string | undefined> = {}): CliIo & { out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, stdout: (t) => void out.push(t), stderr: (t) => void err.push(t), env, cwd: tmpdir(), color: false, now: () => NOW };
}

describe('driftwatch verify', () => {
  let vendor: Vendor;
  let root: TempRoot;

  beforeAll(async () => {
    vendor = await startAcme();
    root = await acmeRoot('acme', vendor.url);
    await writeAcmePact(join(root.dir, 'contracts', 'pacts'), 'acme');
  });

  afterAll(async () => {
    await vendor.close();
    await root.cleanup();
  });

  it('passes when the accepted behaviour satisfies the contract (replayed, no network)', async () => {
    await acceptRelease(root.dir, 'acme', 'v1');
    const before = vendor.requests.length;
    const result = await verify(options(root.dir));
    expect(result.problems).toEqual([]);
    expect(result.errors).toEqual([]);
    expect(result.summary.breaking).toBe(0);
    expect(interaction(result, 'a page of invoices').status).toBe('passed');
    expect(interaction(result, 'a page of invoices').skipped).toEqual([]);
    // No snapshot answers the POST: skipped with a reason, not failed, and the vendor never saw a request.
    expect(interaction(result, 'mark an invoice paid').skipped.join(' ')).toMatch(/nothing accepted to replay/);
    expect(vendor.requests.length).toBe(before);
  });

  it('fails when the vendor renamed a field the contract pins, naming the JSONPath', async () => {
    await acceptRelease(root.dir, 'acme', 'pinned-renamed');
    const result = await verify(options(root.dir));
    const invoices = interaction(result, 'a page of invoices');
    expect(invoices.status).toBe('failed');
    // The verifier (replaying the accepted answer) and the pin check both see the field gone: one finding, two sightings.
    expect(invoices.changes.map((c) => [c.rule, c.path])).toEqual([['response-property-removed', '$.data[*].amount_due']]);
    const removed = invoices.changes[0]!;
    expect(removed).toMatchObject({ severity: 'breaking', pinned: true });
    expect(removed.message).toContain('"a page of invoices"');
    expect(removed.evidence.every((e) => e.source === 'pact' && e.where === 'a page of invoices')).toBe(true);
    expect(result.summary.failed).toBe(1);
  });

  it('does not fail when the vendor renamed a field nobody pins', async () => {
    await acceptRelease(root.dir, 'acme', 'unpinned-renamed');
    const result = await verify(options(root.dir));
    expect(result.summary.breaking).toBe(0);
    expect(interaction(result, 'a page of invoices')).toMatchObject({ status: 'passed', changes: [] });
  });

  it('an ignore entry suppresses a known break until it expires', async () => {
    await acceptRelease(root.dir, 'acme', 'pinned-renamed');
    const ignore = [{ rule: 'pact-*', path: '$.data[*].amount_due', reason: 'migrating to amount', acceptedBy: 'dana', expires: '2026-12-01' }];
    const withIgnore = await acmeRoot('acme', vendor.url, { ignore: [{ ...ignore[0], rule: 'response-property-removed' }] });
    try {
      await writeAcmePact(join(withIgnore.dir, 'contracts', 'pacts'), 'acme');
      await acceptRelease(withIgnore.dir, 'acme', 'pinned-renamed');
      const live = await verify(options(withIgnore.dir));
      expect(live.summary.breaking).toBe(0);
      expect(live.summary.suppressed).toBe(1);
      expect(interaction(live, 'a page of invoices').changes.every((c) => c.suppressed?.reason === 'migrating to amount')).toBe(true);
      const expired = await verify(options(withIgnore.dir, { now: () => new Date('2026-12-02T00:00:00Z') }));
      expect(expired.summary.breaking).toBe(1);
    } finally {
      await withIgnore.cleanup();
    }
  });

  it('--live runs the real verifier against the vendor with auth from env, safe methods only, and no secret in output', async () => {
    await acceptRelease(root.dir, 'acme', 'v1');
    vendor.release = 'v1';
    vendor.requests.length = 0;
    const ok = await verify(options(root.dir, { live: true }));
    expect(ok.errors).toEqual([]);
    expect(interaction(ok, 'a page of invoices').status).toBe('passed');
    expect(vendor.requests).toEqual([{ method: 'GET', path: '/v1/invoices', authorized: true }]);
    expect(interaction(ok, 'mark an invoice paid').skipped.join(' ')).toMatch(/POST is not sent live unless listed in pact.liveUnsafe/);

    vendor.release = 'pinned-renamed';
    const broken = await verify(options(root.dir, { live: true }));
    expect(interaction(broken, 'a page of invoices').changes.map((c) => [c.rule, c.path])).toContainEqual(['response-property-removed', '$.data[*].amount_due']);
    expect(JSON.stringify(broken)).not.toContain(TOKEN);

    vendor.release = 'unpinned-renamed';
    const unpinned = await verify(options(root.dir, { live: true }));
    expect(interaction(unpinned, 'a page of invoices').changes).toEqual([]);
    vendor.release = 'v1';
  });

  it('--live sends an unsafe interaction only when pact.liveUnsafe names it', async () => {
    const allowed = await acmeRoot('acme', vendor.url, { pact: { liveUnsafe: ['mark an invoice paid'] } });
    try {
      await writeAcmePact(join(allowed.dir, 'contracts', 'pacts'), 'acme');
      vendor.requests.length = 0;
      const result = await verify(options(allowed.dir, { live: true }));
      expect(result.problems).toEqual([]);
      expect(vendor.requests.map((r) => `${r.method} ${r.path}`).sort()).toEqual(['GET /v1/invoices', 'POST /v1/invoices/inv_0001/pay']);
      const paid = interaction(result, 'mark an invoice paid');
      expect(paid.status).toBe('passed');
      expect(paid.skipped.filter((s) => s.startsWith('verifier:'))).toEqual([]);
    } finally {
      await allowed.cleanup();
    }
  });

  it('--live without the credential in env is an error, and nothing is sent', async () => {
    vendor.requests.length = 0;
    const result = await verify(options(root.dir, { live: true, env: {} }));
    expect(result.errors.map((e) => e.kind)).toEqual(['auth-missing']);
    expect(result.errors[0]?.message).toContain(TOKEN_ENV);
    expect(vendor.requests).toEqual([]);
  });
});

describe('driftwatch verify: pact vs spec', () => {
  it('flags a pact that asks for a path the spec does not have', async () => {
    const root = await acmeRoot('ghost', 'http://127.0.0.1:9');
    try {
      await writeGhostPact(join(root.dir, 'contracts', 'pacts'), 'ghost');
      const result = await verify(options(root.dir));
      const refund = interaction(result, 'one refund');
      expect(refund.status).toBe('failed');
      expect(refund.changes).toEqual([
        expect.objectContaining({ rule: 'pact-spec-mismatch', path: 'request.path', severity: 'breaking', endpoint: 'GET /v1/refunds/re_0001' }),
      ]);
      expect(refund.changes[0]?.message).toMatch(/"one refund": Path or method not defined in spec file: GET \/v1\/refunds\/re_0001/);
    } finally {
      await root.cleanup();
    }
  });
});

describe('driftwatch verify (CLI)', () => {
  let root: TempRoot;
  let scratch: string;

  beforeAll(async () => {
    root = await acmeRoot('acme', 'http://127.0.0.1:9');
    await writeAcmePact(join(root.dir, 'contracts', 'pacts'), 'acme');
    scratch = await mkdtemp(join(tmpdir(), 'driftwatch-junit-'));
  });

  afterAll(async () => {
    await root.cleanup();
    await rm(scratch, { recursive: true, force: true });
  });

  it('exits 1 on a broken contract, writes JUnit with one test case per interaction, and appends the step summary', async () => {
    await acceptRelease(root.dir, 'acme', 'pinned-renamed');
    const junit = join(scratch, 'verify.xml');
    const summary = join(scratch, 'summary.md');
    const io = testIo({ GITHUB_STEP_SUMMARY: summary });
    const code = await run(['verify', '--root', root.dir, '--junit', junit], io);
    expect(code).toBe(1);
    expect(io.out.join('')).toMatch(/FAIL {2}a page of invoices/);
    // Progress for each step over the connector's interactions, on stderr.
    expect(io.err.join('')).toContain('verifying acme: 2 interactions in 1 pact file\n');
    expect(io.err.join('')).toContain('acme: 2 interactions replayed through the Pact verifier\n');

    const xml = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '' }).parse(await readFile(junit, 'utf8')) as {
      testsuites: { tests: string; failures: string; testsuite: { name: string; testcase: Array<{ name: string; failure?: { message: string; '#text': string } }> } };
    };
    expect(xml.testsuites).toMatchObject({ tests: '2', failures: '1' });
    const cases = xml.testsuites.testsuite.testcase;
    expect(cases.map((c) => c.name).sort()).toEqual(['a page of invoices (GET /v1/invoices)', 'mark an invoice paid (POST /v1/invoices/inv_0001/pay)']);
    const failed = cases.find((c) => c.failure);
    expect(failed?.name).toBe('a page of invoices (GET /v1/invoices)');
    expect(failed?.failure?.['#text']).toContain('$.data[*].amount_due');

    const markdown = await readFile(summary, 'utf8');
    expect(markdown).toMatch(/^## driftwatch verify: ❌ contracts broken/);
    expect(markdown).toContain('`response-property-removed` at `$.data[*].amount_due`');
  });

  it('exits 0 and prints JSON when the contract holds', async () => {
    await acceptRelease(root.dir, 'acme', 'v1');
    const io = testIo();
    expect(await run(['verify', '--root', root.dir, '--format', 'json'], io)).toBe(0);
    const doc = JSON.parse(io.out.join('')) as { summary: { interactions: number; breaking: number } };
    expect(doc.summary).toMatchObject({ interactions: 2, breaking: 0 });
    expect(schemaErrors('verify', doc)).toEqual([]);
    const sarif = testIo();
    expect(await run(['verify', '--root', root.dir, '--format', 'sarif'], sarif)).toBe(0);
    expect(sarifErrors(JSON.parse(sarif.out.join('')))).toEqual([]);
  });

  it('exits 2 when there is no pact for the connector', async () => {
    const bare = await acmeRoot('bare', 'http://127.0.0.1:9');
    try {
      const io = testIo();
      expect(await run(['verify', '--root', bare.dir], io)).toBe(2);
      expect(io.out.join('')).toMatch(/no pact files for any connector: run your contract tests first/);
    } finally {
      await bare.cleanup();
    }
  });
});
