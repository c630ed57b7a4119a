import { describe, expect } from 'vitest';
import rule from '../../../src/core/rules/response-success-status-removed.js';
import { deltaTable, fixtureFires } from '../../openapi/spec-rule-harness.js';

describe('response-success-status-removed', () => {
  expect(rule.severity).toBe('breaking');
  deltaTable(rule, [
    { name: 'fires on a success-status-removed delta in the response', given: {"kind": "success-status-removed", "location": "response", "path": "response 201", "before": "201"}, fires: true, says: "success response 201 was removed" },
    { name: 'silent on another kind of delta', given: { kind: 'runbook-missing', location: 'ownership', path: 'runbook' }, fires: false },
  ]);

  fixtureFires(rule, ["POST /invoices"], ["response-status-added"]);
});
