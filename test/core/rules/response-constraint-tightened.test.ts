import { describe, expect } from 'vitest';
import rule from '../../../src/core/rules/response-constraint-tightened.js';
import { deltaTable, fixtureFires } from '../../openapi/spec-rule-harness.js';

describe('response-constraint-tightened', () => {
  expect(rule.severity).toBe('info');
  deltaTable(rule, [
    { name: 'fires on a response-constraint-tightened delta', given: {"kind": "response-constraint-tightened", "location": "response", "path": "$.name", "keyword": "maxLength", "in": "response", "before": null, "after": 64}, fires: true, says: "maxLength none -> 64" },
    { name: 'silent on another kind of delta', given: { kind: 'runbook-missing', location: 'ownership', path: 'runbook' }, fires: false },
  ]);

  fixtureFires(rule, ["GET /orders", "GET /orders/{id}", "POST /orders"]);
});
