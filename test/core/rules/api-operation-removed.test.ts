import { describe, expect } from 'vitest';
import rule from '../../../src/core/rules/api-operation-removed.js';
import { deltaTable, fixtureFires } from '../../openapi/spec-rule-harness.js';

describe('api-operation-removed', () => {
  expect(rule.severity).toBe('breaking');
  deltaTable(rule, [
    { name: 'fires on a operation-removed delta in the operation', given: {"kind": "operation-removed", "location": "operation", "path": "DELETE /invoices/{id}", "before": "DELETE /invoices/{id}", "deprecated": false}, fires: true, says: "DELETE /invoices/{id} was removed" },
    { name: 'silent on another kind of delta', given: { kind: 'runbook-missing', location: 'ownership', path: 'runbook' }, fires: false },
  ]);

  fixtureFires(rule, ["DELETE /invoices/{id}"]);
});
