import { describe, expect } from 'vitest';
import rule from '../../../src/core/rules/response-property-deprecated.js';
import { deltaTable, fixtureFires } from '../../openapi/spec-rule-harness.js';

describe('response-property-deprecated', () => {
  expect(rule.severity).toBe('info');
  deltaTable(rule, [
    { name: 'fires on a property-deprecated delta', given: {"kind": "property-deprecated", "location": "response", "path": "$.memo"}, fires: true, says: "is now deprecated" },
    { name: 'silent on another kind of delta', given: { kind: 'runbook-missing', location: 'ownership', path: 'runbook' }, fires: false },
  ]);

  fixtureFires(rule, ["GET /orders", "GET /orders/{id}", "POST /orders"]);
});
