// connector.yaml loading: a full example, defaults, every class of problem with its exact file:line:col text.
import { copyFile, mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { formatProblem } from '../../src/core/format-problem.js';
import { loadConnectors } from '../../src/config/load-connectors.js';
import { parseConnectorYaml } from '../../src/config/parse-connector-yaml.js';
import { makeTempRoot, type TempRoot } from '../helpers/temp-root.js';

const FIXTURE = fileURLToPath(new URL('../fixtures/connectors/billing/connector.yaml', import.meta.url));

let root: TempRoot;
beforeEach(async () => {
  root = await makeTempRoot('driftwatch-config-');
});
afterEach(async () => {
  await root.cleanup();
});

/** Writes raw YAML (lines joined with \n) and returns every problem, formatted relative to the root. */
async function problemsOf(name: string, lines: string[]): Promise<string[]> {
  await root.writeConnector(name, lines.join('\n') + '\n');
  const result = await loadConnectors(root.dir);
  return result.problems.map((p) => formatProblem(p, root.dir));
}

const MINIMAL = [
  'name: acme',
  'owner:',
  '  name: Ana',
  'baseUrl: https://api.acme.test/v1',
  'endpoints:',
  '  - id: list',
  '    path: /things',
];

describe('loadConnectors: valid files', () => {
  it('loads the full fixture with every field kept', async () => {
    await mkdir(join(root.dir, 'contracts', 'billing'), { recursive: true });
    await copyFile(FIXTURE, join(root.dir, 'contracts', 'billing', 'connector.yaml'));
    const { connectors, problems } = await loadConnectors(root.dir);
    expect(problems).toEqual([]);
    expect(connectors).toHaveLength(1);
    const c = connectors[0]!;
    expect(c).toMatchObject({
      name: 'billing',
      vendor: 'Acme Billing',
      owner: { name: 'Dana Ortiz', slack: '#billing-integrations', email: 'dana@example.com', slackWebhookEnv: 'BILLING_SLACK_WEBHOOK' },
      dataOwner: 'Finance operations',
      runbook: 'https://wiki.example.com/runbooks/billing',
      businessProcess: 'Month-end invoicing and dunning emails',
      baseUrl: 'https://api.acme-billing.example.com/v2',
      timeoutMs: 5000,
      maxBodyBytes: 1048576,
      concurrency: 2,
      auth: { type: 'bearer', tokenEnv: 'ACME_BILLING_TOKEN', expiresAt: '2027-03-31' },
      schedule: '0 6 * * *',
      timezone: 'Europe/Paris',
      spec: './openapi.yaml',
      severity: { 'enum-value-added': 'warning', 'property-removed': 'breaking' },
      ignore: [
        { rule: 'property-added', path: '$.data[*].metadata.*', reason: 'free-form metadata, never read', acceptedBy: 'dana@example.com', expires: '2027-01-01' },
      ],
      dir: join(root.dir, 'contracts', 'billing'),
      file: join(root.dir, 'contracts', 'billing', 'connector.yaml'),
    });
    // YAML numbers in query/headers become the strings that go on the wire.
    expect(c.endpoints[0]).toEqual({
      id: 'list-invoices',
      method: 'GET',
      path: '/invoices',
      query: { limit: '5', status: 'open' },
      headers: { 'Acme-Version': '2024-06-01' },
      expectStatus: 200,
      safe: false,
      samples: 3,
      pages: 2,
      paginate: { style: 'cursor', cursor: '$.data[-1].id', param: 'starting_after', hasMore: '$.has_more' },
      variants: [{ name: 'refunded', query: { status: 'refunded' } }, { name: 'status=void', query: { status: 'void' } }],
    });
    expect(c.endpoints[2]).toEqual({
      id: 'create-preview',
      method: 'POST',
      path: '/invoices/preview',
      query: {},
      headers: {},
      expectStatus: 201,
      safe: true,
      body: { customer: 'cus_123', lines: [{ price: 'price_1', quantity: 2 }] },
      contentType: 'application/json',
      samples: 1,
      pages: 1,
      variants: [],
    });
    expect(c).toMatchObject({ limits: { maxDepth: 64, maxKeys: 100_000, maxNodes: 500_000 }, errorEnvelope: ['$.error', '$.fault.code'], sunsetWarnDays: 45 });
  });

  it('fills every default on a minimal connector', async () => {
    await root.writeConnector('acme', MINIMAL.join('\n'));
    const { connectors, problems } = await loadConnectors(root.dir);
    expect(problems).toEqual([]);
    const c = connectors[0]!;
    expect(c.timeoutMs).toBe(10_000);
    expect(c.maxBodyBytes).toBe(20 * 1024 * 1024);
    expect(c.concurrency).toBe(4);
    expect(c.auth).toEqual({ type: 'none' });
    expect(c.severity).toEqual({});
    expect(c.ignore).toEqual([]);
    expect(c.endpoints).toEqual([{ id: 'list', method: 'GET', path: '/things', query: {}, headers: {}, expectStatus: 200, safe: false, samples: 1, pages: 1, variants: [] }]);
    expect(c.limits).toEqual({ maxDepth: 256, maxKeys: 100_000, maxNodes: 2_000_000 });
    expect(c.errorEnvelope).toEqual(['$.error']);
    expect(c.sunsetWarnDays).toBe(30);
    expect('schedule' in c).toBe(false);
  });

  it('returns connectors sorted by name and honours only', async () => {
    for (const name of ['zeta', 'alpha', 'mid']) await root.writeConnector(name, MINIMAL.join('\n').replace('name: acme', `name: ${name}`));
    const all = await loadConnectors(root.dir);
    expect(all.connectors.map((c) => c.name)).toEqual(['alpha', 'mid', 'zeta']);
    const one = await loadConnectors(root.dir, { only: 'mid' });
    expect(one.connectors.map((c) => c.name)).toEqual(['mid']);
    expect(one.problems).toEqual([]);
  });
});

describe('loadConnectors: problems with file:line:col', () => {
  it('points a missing property at its parent object', async () => {
    const problems = await problemsOf('acme', [
      'name: acme',
      'owner:',
      '  name: Ana',
      'baseUrl: https://api.acme.test/v1',
      'endpoints:',
      '  - id: list',
      '    path: /things',
      '  - id: detail',
      '    method: GET',
    ]);
    expect(problems).toEqual(['contracts/acme/connector.yaml:8:5 endpoints[1].path is required']);
  });

  it('reports missing required top-level fields at 1:1', async () => {
    const problems = await problemsOf('acme', ['name: acme', 'vendor: Acme']);
    expect(problems).toEqual([
      'contracts/acme/connector.yaml:1:1 owner is required',
      'contracts/acme/connector.yaml:1:1 baseUrl is required',
      'contracts/acme/connector.yaml:1:1 endpoints is required',
    ]);
  });

  it('reports wrong types, enums, patterns and formats at the value', async () => {
    const problems = await problemsOf('acme', [
      'name: acme',
      'owner:',
      '  name: Ana',
      '  email: not-an-email',
      'baseUrl: ftp://files.acme.test',
      'timeoutMs: fast',
      'auth:',
      '  type: oauth',
      'endpoints:',
      '  - id: list',
      '    method: FETCH',
      '    path: things',
      '    expectStatus: 700',
    ]);
    expect(problems).toEqual([
      'contracts/acme/connector.yaml:4:10 owner.email must be an email address',
      'contracts/acme/connector.yaml:5:10 baseUrl must be an http:// or https:// URL',
      'contracts/acme/connector.yaml:6:12 timeoutMs must be an integer',
      'contracts/acme/connector.yaml:8:9 auth.type must be one of none | bearer | header | query | basic | oauth2-client-credentials | oauth2-refresh-token | mtls (got "oauth")',
      'contracts/acme/connector.yaml:11:13 endpoints[0].method must be one of GET | HEAD | POST | PUT | PATCH | DELETE | OPTIONS (got "FETCH")',
      'contracts/acme/connector.yaml:12:11 endpoints[0].path must start with /',
      'contracts/acme/connector.yaml:13:19 endpoints[0].expectStatus must be <= 599',
    ]);
  });

  it('rejects unknown keys at the key, suggesting the likely typo', async () => {
    const problems = await problemsOf('acme', [...MINIMAL, 'shedule: "0 * * * *"', 'colour: blue']);
    expect(problems).toEqual([
      'contracts/acme/connector.yaml:8:1 shedule is not a known key (did you mean "schedule"?)',
      'contracts/acme/connector.yaml:9:1 colour is not a known key',
    ]);
  });

  it('rejects an auth block holding a literal secret and names the env var key to use', async () => {
    const problems = await problemsOf('acme', [...MINIMAL, 'auth:', '  type: bearer', '  token: sk_live_abcdef123456']);
    expect(problems).toEqual([
      'contracts/acme/connector.yaml:9:3 auth.tokenEnv is required',
      'contracts/acme/connector.yaml:10:3 auth.token must not hold a secret: connector files are committed; put the secret in an environment variable and name it with tokenEnv',
    ]);
    // The problem text never repeats the secret.
    expect(problems.join('\n')).not.toContain('sk_live_abcdef123456');
  });

  it('rejects literal credentials in endpoint headers', async () => {
    const problems = await problemsOf('acme', [...MINIMAL, '    headers:', '      Authorization: Bearer abc123456789']);
    expect(problems).toEqual([
      'contracts/acme/connector.yaml:9:7 endpoints[0].headers.Authorization must not hold credentials: describe them under `auth` with the name of an environment variable',
    ]);
  });

  it('requires the env var names each auth type needs', async () => {
    const problems = await problemsOf('acme', [...MINIMAL, 'auth:', '  type: basic', '  usernameEnv: ACME_USER']);
    expect(problems).toEqual(['contracts/acme/connector.yaml:9:3 auth.passwordEnv is required']);
  });

  it('names both endpoints of a duplicate id', async () => {
    const problems = await problemsOf('acme', [...MINIMAL, '  - id: other', '    path: /other', '  - id: list', '    path: /again']);
    expect(problems).toEqual([
      'contracts/acme/connector.yaml:10:9 endpoints[2].id "list" duplicates endpoints[0].id: endpoint ids must be unique in a connector',
    ]);
  });

  it('validates the cron schedule and time zone', async () => {
    const problems = await problemsOf('acme', [...MINIMAL, 'schedule: "61 * * * *"', 'timezone: Mars/Olympus']);
    expect(problems).toEqual([
      'contracts/acme/connector.yaml:8:11 schedule "61 * * * *" is not a valid cron expression: 61 is a invalid expression for minute',
      'contracts/acme/connector.yaml:9:11 timezone "Mars/Olympus" is not an IANA time zone (e.g. Europe/Paris)',
    ]);
  });

  it('requires name to equal the folder name', async () => {
    const problems = await problemsOf('acme', MINIMAL.map((l) => l.replace('name: acme', 'name: acmee')));
    expect(problems).toEqual(['contracts/acme/connector.yaml:1:7 name "acmee" must equal its folder name "acme"']);
  });

  it('reports YAML syntax errors with their line and column', async () => {
    const problems = await problemsOf('acme', ['name: acme', 'owner:', '  name: Ana', '  - id: x', 'baseUrl: https://x.test']);
    expect(problems[0]).toBe('contracts/acme/connector.yaml:4:1 YAML syntax error: A block sequence may not be used as an implicit map key');
    // No schema problems on top of a syntax error: the document is not trusted at all.
    expect(problems.every((p) => p.includes('YAML syntax error'))).toBe(true);
  });

  it('reports duplicate YAML keys as syntax errors', async () => {
    const problems = await problemsOf('acme', [...MINIMAL, 'name: again']);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^contracts\/acme\/connector\.yaml:8:1 YAML syntax error: .*unique/);
  });

  it('reports an empty file and a non-mapping document', async () => {
    expect(await problemsOf('acme', [''])).toEqual([
      'contracts/acme/connector.yaml is empty: a connector needs name, owner, baseUrl and endpoints',
    ]);
    expect(await problemsOf('acme', ['- just', '- a list'])).toEqual(['contracts/acme/connector.yaml:1:1 must be a mapping (key: value) at the top level']);
  });

  it('skips a broken connector and still loads every other one', async () => {
    await root.writeConnector('alpha', MINIMAL.join('\n').replace('name: acme', 'name: alpha'));
    await root.writeConnector('broken', MINIMAL.join('\n').replace('name: acme', 'name: broken').replace('path: /things', 'path: things'));
    await root.writeConnector('zulu', MINIMAL.join('\n').replace('name: acme', 'name: zulu'));
    await mkdir(join(root.dir, 'contracts', 'empty-folder'));
    const result = await loadConnectors(root.dir);
    expect(result.connectors.map((c) => c.name)).toEqual(['alpha', 'zulu']);
    expect(result.problems.map((p) => formatProblem(p, root.dir))).toEqual([
      'contracts/broken/connector.yaml:7:11 endpoints[0].path must start with /',
      'contracts/empty-folder/connector.yaml is missing: every folder under contracts/ is a connector',
    ]);
  });

  it('reports a missing contracts folder and an unknown --connector', async () => {
    const none = await loadConnectors(root.dir);
    expect(none.connectors).toEqual([]);
    expect(none.problems.map((p) => formatProblem(p, root.dir))).toEqual([
      'contracts no contracts/ folder: create contracts/<connector>/connector.yaml (driftwatch init scaffolds one)',
    ]);
    await root.writeConnector('acme', MINIMAL.join('\n'));
    const unknown = await loadConnectors(root.dir, { only: 'acmee' });
    expect(unknown.connectors).toEqual([]);
    expect(unknown.problems.map((p) => p.message)).toEqual(['connector "acmee" not found (known: acme)']);
  });
});

describe('parseConnectorYaml', () => {
  it('parses text directly, with problems naming the given file', async () => {
    const text = await readFile(FIXTURE, 'utf8');
    const ok = parseConnectorYaml(text, 'contracts/billing/connector.yaml', '/somewhere/contracts/billing');
    expect(ok.problems).toEqual([]);
    expect(ok.connector?.endpoints.map((e) => e.id)).toEqual(['list-invoices', 'get_customer', 'create-preview']);

    const bad = parseConnectorYaml(text.replace('concurrency: 2', 'concurrency: 0'), 'contracts/billing/connector.yaml', '/x/contracts/billing');
    expect(bad.connector).toBeUndefined();
    expect(bad.problems.map((p) => formatProblem(p))).toEqual(['contracts/billing/connector.yaml:17:14 concurrency must be >= 1']);
  });

  it('rejects an env var "name" that is really a value', () => {
    const result = parseConnectorYaml([...MINIMAL, 'auth:', '  type: header', '  headerName: X-Key', '  valueEnv: "abc def"'].join('\n'), 'c.yaml', '/c/acme');
    expect(result.problems.map((p) => `${p.line}:${p.col} ${p.at} ${p.message}`)).toEqual([
      '11:13 auth.valueEnv must be the name of an environment variable (e.g. ACME_API_KEY), not the secret itself',
    ]);
  });
});
