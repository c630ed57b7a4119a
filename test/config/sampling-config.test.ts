// What connector.yaml says about sampling: auth flows, requests, pagination, variants, limits; problems at file:line:col.
import { writeFile, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { formatProblem } from '../../src/core/format-problem.js';
import { loadConnectors } from '../../src/config/load-connectors.js';
import { loadOwners } from '../../src/owners/load-owners.js';
import { makeTempRoot, type TempRoot } from '../helpers/temp-root.js';

let root: TempRoot;
beforeEach(async () => {
  root = await makeTempRoot('driftwatch-sampling-config-');
});
afterEach(async () => {
  await root.cleanup();
});

const HEAD = ['name: acme', 'owner:', '  name: Ana', 'baseUrl: https://api.acme.test/v1'];
const LIST = ['endpoints:', '  - id: list', '    path: /things'];

async function load(lines: string[]) {
  await root.writeConnector('acme', lines.join('\n') + '\n');
  const result = await loadConnectors(root.dir);
  return { connector: result.connectors[0], problems: result.problems.map((p) => formatProblem(p, root.dir)) };
}

describe('auth flows', () => {
  it('loads each new auth type with its defaults', async () => {
    const cc = await load([...HEAD, 'auth:', '  type: oauth2-client-credentials', '  tokenUrl: https://login.acme.test/oauth/token', '  clientIdEnv: ACME_CLIENT_ID', '  clientSecretEnv: ACME_CLIENT_SECRET', '  scopes: [invoices.read]', '  audience: https://api.acme.test', ...LIST]);
    expect(cc.problems).toEqual([]);
    expect(cc.connector!.auth).toEqual({
      type: 'oauth2-client-credentials',
      tokenUrl: 'https://login.acme.test/oauth/token',
      clientIdEnv: 'ACME_CLIENT_ID',
      clientSecretEnv: 'ACME_CLIENT_SECRET',
      scopes: ['invoices.read'],
      audience: 'https://api.acme.test',
      clientAuth: 'basic',
    });
    const rt = await load([...HEAD, 'auth:', '  type: oauth2-refresh-token', '  tokenUrl: http://127.0.0.1:9/token', '  refreshTokenEnv: ACME_REFRESH', '  clientAuth: body', ...LIST]);
    expect(rt.problems).toEqual([]);
    expect(rt.connector!.auth).toEqual({ type: 'oauth2-refresh-token', tokenUrl: 'http://127.0.0.1:9/token', refreshTokenEnv: 'ACME_REFRESH', clientAuth: 'body' });
    const mtls = await load([...HEAD, 'auth:', '  type: mtls', '  certEnv: BANK_CERT', '  keyEnv: BANK_KEY', '  caEnv: BANK_CA', ...LIST]);
    expect(mtls.problems).toEqual([]);
    expect(mtls.connector!.auth).toEqual({ type: 'mtls', certEnv: 'BANK_CERT', keyEnv: 'BANK_KEY', caEnv: 'BANK_CA' });
  });

  it('requires what each flow needs, refuses keys of another type and literal secrets', async () => {
    const { problems } = await load([...HEAD, 'auth:', '  type: oauth2-client-credentials', '  tokenUrl: https://login.acme.test/token', '  clientSecret: abc123', '  tokenEnv: X', ...LIST]);
    expect(problems).toEqual([
      'contracts/acme/connector.yaml:6:3 auth.clientIdEnv is required',
      'contracts/acme/connector.yaml:6:3 auth.clientSecretEnv is required',
      'contracts/acme/connector.yaml:8:3 auth.clientSecret must not hold a secret: connector files are committed; put the secret in an environment variable and name it with clientSecretEnv',
      'contracts/acme/connector.yaml:9:3 auth.tokenEnv does not apply to oauth2-client-credentials auth (it reads tokenUrl, clientIdEnv, clientSecretEnv, scopes, audience, clientAuth)',
    ]);
  });

  it('refuses a token URL that would send the secret in clear over the network, but not to this machine', async () => {
    const { problems } = await load([...HEAD, 'auth:', '  type: oauth2-refresh-token', '  tokenUrl: http://login.acme.test/token', '  refreshTokenEnv: R', ...LIST]);
    expect(problems).toEqual(['contracts/acme/connector.yaml:7:13 auth.tokenUrl must be https: the client secret or refresh token is sent to it (http only for 127.0.0.1 / localhost)']);
  });

  it('refuses credentials in baseUrl and tokenUrl without repeating them', async () => {
    const { problems } = await load(['name: acme', 'owner:', '  name: Ana', 'baseUrl: https://svc:hunter2secret@api.acme.test/v1', ...LIST]);
    expect(problems).toEqual([
      'contracts/acme/connector.yaml:4:10 baseUrl must not carry credentials (user:pass@): connector files are committed and the credentials would not be sent; remove them from the URL and use auth: { type: basic, usernameEnv, passwordEnv } with environment variables',
    ]);
    expect(problems.join('\n')).not.toContain('hunter2secret');
    const token = await load([...HEAD, 'auth:', '  type: oauth2-refresh-token', '  tokenUrl: https://id:pw@login.acme.test/token', '  refreshTokenEnv: R', ...LIST]);
    expect(token.problems[0]).toContain('auth.tokenUrl must not carry credentials');
  });
});

describe('requests', () => {
  it('loads bodies, content types, samples, pages, variants, limits, envelopes and the sunset window', async () => {
    const { connector, problems } = await load([
      ...HEAD,
      'limits: { maxDepth: 64 }',
      'errorEnvelope: [$.errors, $.fault.code]',
      'sunsetWarnDays: 60',
      'endpoints:',
      '  - id: search',
      '    method: POST',
      '    safe: true',
      '    path: /search',
      '    body: { query: { status: open }, limit: 50 }',
      '  - id: list',
      '    path: /things',
      '    samples: 3',
      '    pages: 4',
      '    paginate: link',
      '    variants:',
      '      - query: { status: refunded }',
      '      - { name: page-size, query: { limit: 1 } }',
    ]);
    expect(problems).toEqual([]);
    expect(connector!.limits).toEqual({ maxDepth: 64, maxKeys: 100_000, maxNodes: 2_000_000 });
    expect(connector!.errorEnvelope).toEqual(['$.errors', '$.fault.code']);
    expect(connector!.sunsetWarnDays).toBe(60);
    expect(connector!.endpoints[0]).toMatchObject({ method: 'POST', safe: true, body: { query: { status: 'open' }, limit: 50 }, contentType: 'application/json' });
    expect(connector!.endpoints[1]).toMatchObject({
      samples: 3,
      pages: 4,
      paginate: { style: 'link' },
      variants: [
        { name: 'status=refunded', query: { status: 'refunded' } },
        { name: 'page-size', query: { limit: '1' } },
      ],
    });
  });

  it('says what is wrong with a body, pagination and variants, at the place', async () => {
    const { problems } = await load([
      ...HEAD,
      'errorEnvelope: [$.a..b]',
      'endpoints:',
      '  - id: list',
      '    path: /things',
      '    body: { q: x }',
      '  - id: search',
      '    method: POST',
      '    path: /search',
      '    body: { token: "${ACME_TOKEN}" }',
      '  - id: paged',
      '    path: /paged',
      '    pages: 3',
      '  - id: cursor',
      '    path: /cursor',
      '    paginate: { cursor: "$.next[*]", param: after }',
      '  - id: twins',
      '    path: /twins',
      '    variants:',
      '      - query: { a: 1 }',
      '      - query: { a: 1 }',
      '  - id: bad-paginate',
      '    path: /x',
      '    pages: 2',
      '    paginate: links',
    ]);
    expect(problems).toEqual([
      'contracts/acme/connector.yaml:5:17 errorEnvelope[0] "$.a..b" is not a body path: expected a name after "."',
      'contracts/acme/connector.yaml:9:5 endpoints[0].body is not sent with GET: use method POST (with safe: true) for a search or GraphQL query',
      'contracts/acme/connector.yaml:13:20 endpoints[1].body.token must be a literal: request bodies are not interpolated (${...}); secrets belong under auth, read from the environment',
      'contracts/acme/connector.yaml:16:12 endpoints[2].pages needs paginate: say how the next page is found (paginate: link, or { cursor, param })',
      'contracts/acme/connector.yaml:19:5 endpoints[3].paginate needs pages: say how many pages to read at most (e.g. pages: 3)',
      'contracts/acme/connector.yaml:19:25 endpoints[3].paginate.cursor "$.next[*]" is not a body path (use $.name, $.list[0], $.list[-1] or $[\'odd name\'])',
      'contracts/acme/connector.yaml:24:9 endpoints[4].variants[1] "a=1" repeats variants[0]: variant names must be unique in an endpoint',
      'contracts/acme/connector.yaml:28:15 endpoints[5].paginate must be `link` or a mapping { cursor: <body path>, param: <query parameter> }',
    ]);
  });

  it('bounds what one endpoint may cost and what the limits may allow', async () => {
    const { problems } = await load([...HEAD, 'limits: { maxDepth: 5000 }', 'endpoints:', '  - id: list', '    path: /things', '    samples: 51', '    pages: 0']);
    expect(problems).toEqual([
      'contracts/acme/connector.yaml:5:21 limits.maxDepth must be <= 1024',
      'contracts/acme/connector.yaml:9:14 endpoints[0].samples must be <= 50',
      'contracts/acme/connector.yaml:10:12 endpoints[0].pages must be >= 1',
    ]);
  });
});

describe('input limits', () => {
  it('refuses a connector file over 1 MB before parsing it, naming the file', async () => {
    const big = [...HEAD, ...LIST, `description: "${'x'.repeat(1024 * 1024)}"`].join('\n');
    await root.writeConnector('acme', big);
    await root.writeConnector('other', [...HEAD.map((l) => l.replace('acme', 'other')), ...LIST].join('\n'));
    const result = await loadConnectors(root.dir);
    expect(result.problems.map((p) => formatProblem(p, root.dir))).toEqual([
      'contracts/acme/connector.yaml is 1.0 MB, over the 1.0 MB limit for connector files: refused without parsing (is this the right file?)',
    ]);
    expect(result.connectors.map((c) => c.name)).toEqual(['other']);
  });

  it('refuses an owners.yaml over 1 MB, and says the registry cannot be used', async () => {
    await mkdir(join(root.dir, 'contracts'), { recursive: true });
    await writeFile(join(root.dir, 'contracts', 'owners.yaml'), `# ${'x'.repeat(3 * 1024 * 1024)}\npeople: []\n`);
    const owners = await loadOwners(root.dir);
    expect(owners.unusable).toBe(true);
    expect(owners.problems.map((p) => formatProblem(p, root.dir))).toEqual([
      'contracts/owners.yaml is 3.0 MB, over the 1.0 MB limit for owners files: refused without parsing (is this the right file?)',
    ]);
  });
});
