import { describe, expect } from 'vitest';
import rule from '../../../src/core/rules/response-property-became-required.js';
import { deltaTable, fixtureFires } from '../../openapi/spec-rule-harness.js';

describe('response-property-became-required', () => {
  expect(rule.severity).toBe('info');
  deltaTable(rule, [
    { name: 'fires on a property-became-required delta', given: {"kind": "property-became-required", "location": "response", "path": "$.memo", "before": "optional", "after": "required"}, fires: true, says: "is now always present" },
    { name: 'silent on another kind of delta', given: { kind: 'runbook-missing', location: 'ownership', path: 'runbook' }, fires: false },
  ]);

  fixtureFires(rule, ["GET /orders", "GET /orders/{id}", "POST /orders"]);
});
