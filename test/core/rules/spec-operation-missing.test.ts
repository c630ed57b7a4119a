import { describe, expect } from 'vitest';
import rule from '../../../src/core/rules/spec-operation-missing.js';
import { deltaTable } from '../../openapi/spec-rule-harness.js';

describe('spec-operation-missing', () => {
  expect(rule.severity).toBe('warning');
  deltaTable(rule, [
    { name: 'fires on a operation-missing delta in the operation', given: {"kind": "operation-missing", "location": "operation", "path": "GET /v1/invoices/export", "request": "GET /v1/invoices/export", "spec": "openapi.yaml"}, fires: true, says: "matches no operation" },
    { name: 'silent on another kind of delta', given: { kind: 'runbook-missing', location: 'ownership', path: 'runbook' }, fires: false },
  ]);

  // Its live fixture (a vendor server and a spec file) is in test/openapi/spec-check.test.ts.
});
