// Real outputs, validated: a vendor release found by a scan, then every machine output the CLI prints about it
// (scan JSON and SARIF, JUnit, history, ack, outbox, map, diff) checked against its published JSON Schema or the
// official SARIF 2.1.0 schema. The renderer-level checks are in test/report/output-schemas.test.ts.
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { XMLParser } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoVendor, type DemoVendor } from '../../src/demo/vendor-server.js';
import { sarifErrors, schemaErrors } from '../helpers/output-schemas.js';
import { runMain } from '../helpers/run-main.js';
import { connectorBody, makeTempRoot, type TempRoot } from '../helpers/temp-root.js';

const DIFF = fileURLToPath(new URL('../fixtures/specs/diff/', import.meta.url));

describe('machine outputs of a real run', () => {
  let vendor: DemoVendor;
  let root: TempRoot;
  const env = { LEDGERLY_API_KEY: 'tok_outputs_1', DRIFTWATCH_DB: undefined, DRIFTWATCH_SLACK_WEBHOOK: undefined };
  const cli = (...args: string[]) => runMain(args, { cwd: root.dir, env });
  const json = async (...args: string[]) => {
    const run = await cli(...args);
    return { code: run.code, doc: JSON.parse(run.stdout) as Record<string, unknown> };
  };

  beforeAll(async () => {
    vendor = await startDemoVendor({ token: env.LEDGERLY_API_KEY, release: 'v1' });
    root = await makeTempRoot('driftwatch-outputs-');
    await root.writeConnector('billing', connectorBody(vendor.url, [{ id: 'list-invoices', path: '/v1/invoices' }], { auth: { type: 'bearer', tokenEnv: 'LEDGERLY_API_KEY' } }));
    expect((await cli('accept', '--samples', '2')).code).toBe(0);
    vendor.setRelease('v2');
  });
  afterAll(async () => {
    await vendor.close();
    await root.cleanup();
  });

  it('scan --format json and sarif', async () => {
    const scan = await json('scan', '--format', 'json', '--no-notify');
    expect(scan.code).toBe(1);
    expect((scan.doc.changes as unknown[]).length).toBeGreaterThan(0);
    expect(schemaErrors('scan', scan.doc)).toEqual([]);
    const sarif = await json('scan', '--format', 'sarif', '--no-notify');
    expect(sarifErrors(sarif.doc)).toEqual([]);
  });

  it('scan --format junit has time and timestamp', async () => {
    const run = await cli('scan', '--format', 'junit', '--no-notify');
    const xml = new XMLParser({ ignoreAttributes: false }).parse(run.stdout) as { testsuites: Record<string, string> & { testsuite: Record<string, string> } };
    expect(Number(xml.testsuites['@_time'])).toBeGreaterThan(0);
    expect(xml.testsuites['@_timestamp']).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d$/);
    expect(xml.testsuites.testsuite['@_timestamp']).toBe(xml.testsuites['@_timestamp']);
    expect(xml.testsuites.testsuite['@_time']).toMatch(/^\d+\.\d{3}$/);
  });

  it('history, ack and outbox --format json', async () => {
    const history = await json('history', '--format', 'json');
    expect(schemaErrors('history', history.doc)).toEqual([]);
    const first = (history.doc.drifts as Array<{ fingerprint: string }>)[0]!;
    const ack = await json('ack', first.fingerprint, '--note', 'Ledgerly release 2026-11', '--format', 'json');
    expect(ack.code).toBe(0);
    expect(schemaErrors('ack', ack.doc)).toEqual([]);
    const outbox = await json('outbox', '--all', '--format', 'json');
    expect(schemaErrors('outbox', outbox.doc)).toEqual([]);
  });

  it('map --format json', async () => {
    const map = await json('map', '--format', 'json');
    expect(map.code).toBe(0);
    expect(schemaErrors('map', map.doc)).toEqual([]);
  });

  it('diff --format json and sarif, for everyone and from a connector\'s side', async () => {
    const all = await json('diff', join(DIFF, 'base.yaml'), join(DIFF, 'api-path-removed.yaml'), '--format', 'json');
    expect(all.code).toBe(1);
    expect(schemaErrors('diff', all.doc)).toEqual([]);
    const sarif = await json('diff', join(DIFF, 'base.yaml'), join(DIFF, 'api-path-removed.yaml'), '--format', 'sarif');
    expect(sarifErrors(sarif.doc)).toEqual([]);
    const scoped = await json('diff', join(DIFF, 'base.yaml'), join(DIFF, 'api-path-removed.yaml'), '--connector', 'billing', '--format', 'json');
    expect(schemaErrors('diff', scoped.doc)).toEqual([]);
  });
});
