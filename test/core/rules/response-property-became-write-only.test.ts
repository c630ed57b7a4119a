import { describe, expect } from 'vitest';
import rule from '../../../src/core/rules/response-property-became-write-only.js';
import { deltaTable, fixtureFires } from '../../openapi/spec-rule-harness.js';

describe('response-property-became-write-only', () => {
  expect(rule.severity).toBe('breaking');
  deltaTable(rule, [
    { name: 'fires on a property-became-write-only delta', given: {"kind": "property-became-write-only", "location": "response", "path": "$.secret", "before": ["string"]}, fires: true, says: "became writeOnly" },
    { name: 'silent on another kind of delta', given: { kind: 'runbook-missing', location: 'ownership', path: 'runbook' }, fires: false },
  ]);

  fixtureFires(rule, ["GET /orders", "GET /orders/{id}", "POST /orders"]);
});
