import { describe, expect } from 'vitest';
import rule from '../../../src/core/rules/api-path-removed.js';
import { deltaTable, fixtureFires } from '../../openapi/spec-rule-harness.js';

describe('api-path-removed', () => {
  expect(rule.severity).toBe('breaking');
  deltaTable(rule, [
    { name: 'fires on a path-removed delta in the operation', given: {"kind": "path-removed", "location": "operation", "path": "GET /invoices/{id}", "before": "GET /invoices/{id}", "detail": {"deprecated": true}}, fires: true, says: "it was deprecated" },
    { name: 'silent on the same delta in the response', given: {"kind": "path-removed", "location": "response", "path": "GET /invoices/{id}", "before": "GET /invoices/{id}", "detail": {"deprecated": true}}, fires: false },
    { name: 'silent on another kind of delta', given: {"kind": "type-changed", "location": "operation", "path": "GET /invoices/{id}", "before": "GET /invoices/{id}", "detail": {"deprecated": true}}, fires: false },
  ]);

  fixtureFires(rule, ["GET /invoices/{id}", "DELETE /invoices/{id}"]);
});
