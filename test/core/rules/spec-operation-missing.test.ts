import { describe, expect } from 'vitest';
import rule from '../../../src/core/rules/spec-operation-missing.js';
import { deltaTable } from '../../openapi/spec-rule-harness.js';

describe('spec-operation-missing', () => {
  expect(rule.severity).toBe('warning');
  deltaTable(rule, [
    { name: 'fires on a operation-missing delta in the operation', given: {"kind": "operation-missing", "location": "operation", "path": "GET /v1/invoices/export", "before": "GET /v1/invoices/export", "detail": {"spec": "openapi.yaml"}}, fires: true, says: "matches no operation" },
    { name: 'silent on the same delta in the response', given: {"kind": "operation-missing", "location": "response", "path": "GET /v1/invoices/export", "before": "GET /v1/invoices/export", "detail": {"spec": "openapi.yaml"}}, fires: false },
    { name: 'silent on another kind of delta', given: {"kind": "type-changed", "location": "operation", "path": "GET /v1/invoices/export", "before": "GET /v1/invoices/export", "detail": {"spec": "openapi.yaml"}}, fires: false },
  ]);

  // Its live fixture (a vendor server and a spec file) is in test/openapi/spec-check.test.ts.
});
