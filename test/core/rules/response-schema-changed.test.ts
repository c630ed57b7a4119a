import { describe, expect } from 'vitest';
import rule from '../../../src/core/rules/response-schema-changed.js';
import { deltaTable, fixtureFires } from '../../openapi/spec-rule-harness.js';

describe('response-schema-changed', () => {
  expect(rule.severity).toBe('info');
  deltaTable(rule, [
    { name: 'fires on a response-schema-changed delta', given: {"kind": "response-schema-changed", "location": "response", "path": "$.tag", "keyword": "not", "in": "response", "before": null, "after": "set"}, fires: true, says: "not changed" },
    { name: 'silent on another kind of delta', given: { kind: 'runbook-missing', location: 'ownership', path: 'runbook' }, fires: false },
  ]);

  fixtureFires(rule, ["GET /orders", "GET /orders/{id}", "POST /orders"]);
});
