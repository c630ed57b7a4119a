// defineConnector(): the same schema as connector.yaml, defaults filled, ConfigError with problems as data.
import { describe, expect, it } from 'vitest';
import { defineConnector, type ConnectorInput } from '../../src/config/define-connector.js';
import { ConfigError } from '../../src/config/errors.js';
import { formatProblem } from '../../src/core/format-problem.js';
import { connectorSchema } from '../../src/config/connector-schema.js';

const input: ConnectorInput = {
  name: 'crm',
  owner: { name: 'Sam', slack: '@sam' },
  baseUrl: 'https://crm.example.com/api',
  auth: { type: 'header', headerName: 'X-Api-Key', valueEnv: 'CRM_KEY' },
  endpoints: [{ id: 'contacts', path: '/contacts', query: { page: 1 } }],
};

function problemsOf(fn: () => unknown): string[] {
  try {
    fn();
  } catch (error) {
    if (error instanceof ConfigError) return error.problems.map((p) => formatProblem(p));
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('defineConnector', () => {
  it('returns a normalised connector with defaults filled', () => {
    const c = defineConnector(input, { dir: '/repo/contracts/crm' });
    expect(c).toEqual({
      name: 'crm',
      owner: { name: 'Sam', slack: '@sam' },
      baseUrl: 'https://crm.example.com/api',
      timeoutMs: 10_000,
      maxBodyBytes: 20 * 1024 * 1024,
      concurrency: 4,
      auth: { type: 'header', headerName: 'X-Api-Key', valueEnv: 'CRM_KEY' },
      limits: { maxDepth: 256, maxKeys: 100_000, maxNodes: 2_000_000 },
      errorEnvelope: ['$.error'],
      sunsetWarnDays: 30,
      endpoints: [
        { id: 'contacts', method: 'GET', path: '/contacts', query: { page: '1' }, headers: {}, expectStatus: 200, safe: false, samples: 1, pages: 1, variants: [] },
      ],
      severity: {},
      ignore: [],
      dir: '/repo/contracts/crm',
      file: '',
    });
  });

  it('does not share nested objects with the input', () => {
    const c = defineConnector(input);
    c.owner.name = 'changed';
    expect(input.owner.name).toBe('Sam');
  });

  it('throws ConfigError with every problem, code CONFIG_INVALID, without line numbers', () => {
    const bad = { ...input, endpoints: [{ id: 'contacts' }, { id: 'contacts', path: '/x' }], owner: {} } as unknown as ConnectorInput;
    let caught: unknown;
    try {
      defineConnector(bad, { file: 'src/connectors/crm.ts' });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ConfigError);
    const error = caught as ConfigError;
    expect(error.code).toBe('CONFIG_INVALID');
    expect(error.problems.map((p) => formatProblem(p))).toEqual([
      'src/connectors/crm.ts owner.name is required',
      'src/connectors/crm.ts endpoints[0].path is required',
      'src/connectors/crm.ts endpoints[1].id "contacts" duplicates endpoints[0].id: endpoint ids must be unique in a connector',
    ]);
    expect(error.message).toContain('3 problems');
  });

  it('applies the same checks as YAML: unknown keys, literal secrets, cron, folder name', () => {
    expect(problemsOf(() => defineConnector({ ...input, retries: 3 } as unknown as ConnectorInput))).toEqual([
      '<defineConnector> retries is not a known key',
    ]);
    expect(
      problemsOf(() => defineConnector({ ...input, auth: { type: 'bearer', tokenEnv: 'T', token: 'abcd1234' } } as unknown as ConnectorInput)),
    ).toEqual([
      '<defineConnector> auth.token must not hold a secret: connector files are committed; put the secret in an environment variable and name it with tokenEnv',
    ]);
    expect(problemsOf(() => defineConnector({ ...input, schedule: 'every day' }))).toEqual([
      '<defineConnector> schedule "every day" is not a valid cron expression: expected 5 or 6 fields but got 2',
    ]);
    expect(problemsOf(() => defineConnector(input, { dir: '/repo/contracts/sales' }))).toEqual([
      '<defineConnector> name "crm" must equal its folder name "sales"',
    ]);
    expect(problemsOf(() => defineConnector({ ...input, endpoints: [] }))).toEqual(['<defineConnector> endpoints must list at least one endpoint']);
  });

  it('accepts every valid auth type and a 6-field cron', () => {
    const auths: ConnectorInput['auth'][] = [
      { type: 'none' },
      { type: 'bearer', tokenEnv: 'TOKEN', expiresAt: '2027-01-01T00:00:00Z' },
      { type: 'query', param: 'api_key', valueEnv: 'KEY' },
      { type: 'basic', usernameEnv: 'USER', passwordEnv: 'PASS' },
    ];
    for (const auth of auths) expect(defineConnector({ ...input, auth, schedule: '0 */5 * * * *' }).auth).toEqual(auth);
  });
});

describe('connectorSchema', () => {
  it('is one object that closes the top level to unknown keys', () => {
    expect(connectorSchema.additionalProperties).toBe(false);
    expect(connectorSchema.required).toEqual(['name', 'owner', 'baseUrl', 'endpoints']);
  });
});

describe('formatProblem', () => {
  it('makes paths relative to the root only when inside it', () => {
    expect(formatProblem({ file: '/r/contracts/a/connector.yaml', line: 3, col: 5, at: 'endpoints[0].path', message: 'is required' }, '/r')).toBe(
      'contracts/a/connector.yaml:3:5 endpoints[0].path is required',
    );
    expect(formatProblem({ file: '/elsewhere/a.yaml', line: 3, message: 'broken' }, '/r')).toBe('/elsewhere/a.yaml:3 broken');
    expect(formatProblem({ file: '', message: 'no file' })).toBe('no file');
  });
});
