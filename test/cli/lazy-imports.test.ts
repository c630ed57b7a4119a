// A scan of connectors without a spec, a pact or a GraphQL endpoint never loads the heavy stacks (OpenAPI, Pact,
// PostgreSQL, the HTML report's browser, GraphQL), nor the YAML parser for connector files unchanged since the last run,
// nor Slack's client with --no-notify: seen from the modules the real binary loads (a preload records them).
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/run-cli.js';
import { runMain } from '../helpers/run-main.js';
import { connectorBody, makeTempRoot, type TempRoot } from '../helpers/temp-root.js';
import { sendJson, startVendorServer, type VendorServer } from '../helpers/vendor-server.js';

const PRELOAD = fileURLToPath(new URL('../helpers/loaded-modules.mjs', import.meta.url));

/** Packages (or files of a package) a spec-less scan must not load, and what each is for. */
const HEAVY: Record<string, string> = {
  '@apidevtools/swagger-parser/': 'OpenAPI loading',
  'swagger2openapi/': 'Swagger 2.0 conversion',
  'ajv/dist/2020.js': 'OpenAPI 3.1 response validation',
  'ajv/dist/core.js': 'compiling any JSON Schema (the connector schema is precompiled)',
  'json-schema-diff/': 'the spec diff cross-check',
  'pg/': 'the PostgreSQL store',
  '@pact-foundation/pact/': 'Pact verification',
  'playwright-core/': 'the HTML report browser',
  'graphql/': 'GraphQL endpoints',
  '@graphql-inspector/core/': 'GraphQL schema diffs',
  'node-cron/': 'schedules (no connector has one)',
  'yaml/': 'YAML (the connector files were parsed by accept and are unchanged; no owners.yaml)',
  '@slack/webhook/': 'Slack delivery (--no-notify)',
};

describe('lazy imports', () => {
  let root: TempRoot;
  let vendor: VendorServer;

  beforeAll(async () => {
    vendor = await startVendorServer({
      'GET /v1/invoices': (_req, res) => sendJson(res, 200, { data: [{ id: 'in_1', total: 10, status: 'paid' }] }),
      'GET /v1/customers': (_req, res) => sendJson(res, 200, { data: [{ id: 'cu_1', name: 'Ada' }] }),
    });
    root = await makeTempRoot('driftwatch-lazy-');
    const endpoints = [{ id: 'invoices', path: '/v1/invoices' }, { id: 'customers', path: '/v1/customers' }];
    await root.writeConnector('billing', connectorBody(vendor.url, endpoints));
    await root.writeConnector('crm', connectorBody(vendor.url, endpoints.slice(1)));
    const accepted = await runMain(['accept', '--root', root.dir], { cwd: root.dir, env: { DRIFTWATCH_DB: undefined } });
    expect(accepted.code, accepted.stderr).toBe(0);
  });
  afterAll(async () => {
    await vendor.close();
    await root.cleanup();
  });

  it('scan of spec-less connectors loads the sampler and the store, and none of the heavy stacks', async () => {
    const list = join(root.dir, 'loaded.txt');
    const run = await runCli(['scan', '--root', root.dir, '--no-notify'], {
      cwd: root.dir,
      env: { DRIFTWATCH_DB: undefined, DRIFTWATCH_LOADED_MODULES: list, NODE_OPTIONS: `--import=${PRELOAD}` },
    });
    expect(run.code, run.stderr).toBe(0);
    const loaded = (await readFile(list, 'utf8')).split('\n').map((line) => line.replace(/^file:\/\//, ''));
    const loads = (part: string): boolean => loaded.some((path) => path.includes(`/node_modules/${part}`));
    // The record works: what a scan needs is in it, through both ES modules and CommonJS.
    expect(loads('undici/'), 'undici').toBe(true);
    expect(loads('better-sqlite3/'), 'better-sqlite3').toBe(true);
    expect(loaded.some((path) => path.endsWith('/dist/src/app/checks/snapshot-check.js'))).toBe(true);
    const heavy = Object.entries(HEAVY).filter(([part]) => loads(part)).map(([part, what]) => `${part} (${what})`);
    expect(heavy).toEqual([]);
    const ownStacks = loaded.filter((path) => /\/dist\/src\/(openapi\/|graphql\/(?!(endpoint-rules|normalize-endpoint|operation|response)\.js)|report\/html\/)/.test(path));
    expect(ownStacks).toEqual([]);
  });

  it('history reads the store and prints, without the rule catalogue (only SARIF describes every rule)', async () => {
    const list = join(root.dir, 'loaded-history.txt');
    const run = await runCli(['history', '--root', root.dir], {
      cwd: root.dir,
      env: { DRIFTWATCH_DB: undefined, DRIFTWATCH_LOADED_MODULES: list, NODE_OPTIONS: `--import=${PRELOAD}` },
    });
    expect(run.code, run.stderr).toBe(0);
    const loaded = (await readFile(list, 'utf8')).split('\n');
    expect(loaded.some((path) => path.endsWith('/dist/src/app/history.js')), 'the record works').toBe(true);
    expect(loaded.filter((path) => /\/dist\/src\/core\/rules\//.test(path))).toEqual([]);
  });
});
