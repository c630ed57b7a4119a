import { describe, expect } from 'vitest';
import rule from '../../../src/core/rules/api-path-removed.js';
import { deltaTable, fixtureFires } from '../../openapi/spec-rule-harness.js';

describe('api-path-removed', () => {
  expect(rule.severity).toBe('breaking');
  deltaTable(rule, [
    { name: 'fires on a path-removed delta in the operation', given: {"kind": "path-removed", "location": "operation", "path": "GET /invoices/{id}", "before": "GET /invoices/{id}", "deprecated": true}, fires: true, says: "it was deprecated" },
    { name: 'silent on another kind of delta', given: { kind: 'runbook-missing', location: 'ownership', path: 'runbook' }, fires: false },
  ]);

  fixtureFires(rule, ["GET /invoices/{id}", "DELETE /invoices/{id}"]);
});
