import { describe, expect } from 'vitest';
import rule from '../../../src/core/rules/spec-response-body-mismatch.js';
import { deltaTable } from '../../openapi/spec-rule-harness.js';

describe('spec-response-body-mismatch', () => {
  expect(rule.severity).toBe('breaking');
  deltaTable(rule, [
    { name: 'fires on a constraint only the spec states', given: { kind: 'spec-violation', location: 'response', path: '$.data[*].id', keyword: 'pattern', reason: 'must match pattern "^inv_"', operation: 'GET /v1/invoices' }, fires: true, says: 'must match pattern "^inv_" (GET /v1/invoices)' },
    { name: 'silent on another kind of delta', given: { kind: 'runbook-missing', location: 'ownership', path: 'runbook' }, fires: false },
  ]);

  // Its live fixture (a vendor server and a spec file) is in test/openapi/spec-check.test.ts.
});
