import { describe, expect } from 'vitest';
import rule from '../../../src/core/rules/api-operation-removed.js';
import { deltaTable, fixtureFires } from '../../openapi/spec-rule-harness.js';

describe('api-operation-removed', () => {
  expect(rule.severity).toBe('breaking');
  deltaTable(rule, [
    { name: 'fires on a operation-removed delta in the operation', given: {"kind": "operation-removed", "location": "operation", "path": "DELETE /invoices/{id}", "before": "DELETE /invoices/{id}", "detail": {"deprecated": false}}, fires: true, says: "DELETE /invoices/{id} was removed" },
    { name: 'silent on the same delta in the response', given: {"kind": "operation-removed", "location": "response", "path": "DELETE /invoices/{id}", "before": "DELETE /invoices/{id}", "detail": {"deprecated": false}}, fires: false },
    { name: 'silent on another kind of delta', given: {"kind": "type-changed", "location": "operation", "path": "DELETE /invoices/{id}", "before": "DELETE /invoices/{id}", "detail": {"deprecated": false}}, fires: false },
  ]);

  fixtureFires(rule, ["DELETE /invoices/{id}"]);
});
