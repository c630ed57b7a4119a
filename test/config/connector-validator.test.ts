// The connector schema's validator is generated ahead of time (scripts/generate-connector-validator.mjs, not committed):
// it must be the one the current schema and ajv would compile, or a schema change would be silently ignored.
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import { Ajv } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { connectorSchema } from '../../src/config/connector-schema.js';
import { ajvVersion, schemaHash, validateConnectorSchema } from '../../src/config/generated/connector-validator.js';

const STALE = 'src/config/generated/connector-validator.ts is stale: run `npm run generate` (npm test and npm run build do)';

const valid = {
  name: 'crm',
  owner: { name: 'Sam', slack: '@sam', email: 'sam@example.com' },
  baseUrl: 'https://crm.example.com/api',
  runbook: 'https://wiki.example.com/crm',
  auth: { type: 'header', headerName: 'X-Api-Key', valueEnv: 'CRM_KEY', expiresAt: '2027-01-31' },
  endpoints: [{ id: 'contacts', path: '/contacts', query: { page: 1 } }],
};
/** Each breaks one keyword the schema uses: required, additionalProperties, enum, format, pattern, type, if/then, bounds. */
const invalid: unknown[] = [
  {},
  { ...valid, owner: undefined },
  { ...valid, unknownKey: 1 },
  { ...valid, auth: { type: 'kerberos' } },
  { ...valid, baseUrl: 'ftp://crm.example.com' },
  { ...valid, baseUrl: 'not a url' },
  { ...valid, runbook: 'https://exa mple.com' },
  { ...valid, auth: { type: 'bearer' } },
  { ...valid, auth: { type: 'header', headerName: 'X', valueEnv: '1-not-an-env-name' } },
  { ...valid, timeoutMs: 'soon' },
  { ...valid, concurrency: 0 },
  { ...valid, endpoints: [] },
  { ...valid, endpoints: [{ id: 'x', path: '/x', method: 'FETCH', samples: 10_000 }] },
];

describe('the generated connector validator', () => {
  it('was generated from the current schema, with the installed ajv', () => {
    const current = createHash('sha256').update(JSON.stringify(connectorSchema)).digest('hex');
    expect(schemaHash, STALE).toBe(current);
    const installed = (createRequire(import.meta.url)('ajv/package.json') as { version: string }).version;
    expect(ajvVersion, STALE).toBe(installed);
  });

  it('judges connectors exactly as the schema compiled at run time would, errors included', () => {
    // The options validate-connector.ts always compiled with (allErrors and verbose feed describeAjvError).
    const ajv = new Ajv({ allErrors: true, verbose: true, strict: true, strictRequired: false, allowUnionTypes: true });
    addFormatsModule.default(ajv, ['email', 'uri', 'date']);
    const compiled = ajv.compile(connectorSchema);
    expect(validateConnectorSchema(valid)).toBe(true);
    for (const data of invalid) {
      const verdict = compiled(data);
      expect(verdict, JSON.stringify(data)).toBe(false);
      expect(validateConnectorSchema(data), JSON.stringify(data)).toBe(false);
      expect(validateConnectorSchema.errors).toEqual(compiled.errors);
    }
  });
});
