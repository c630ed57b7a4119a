import { describe, expect } from 'vitest';
import rule from '../../../src/core/rules/response-default-changed.js';
import { deltaTable, fixtureFires } from '../../openapi/spec-rule-harness.js';

describe('response-default-changed', () => {
  expect(rule.severity).toBe('info');
  deltaTable(rule, [
    { name: 'fires on a response-default-changed delta', given: {"kind": "response-default-changed", "location": "response", "path": "$.auto_advance", "before": true, "after": false}, fires: true, says: "default true -> false" },
    { name: 'silent on another kind of delta', given: { kind: 'runbook-missing', location: 'ownership', path: 'runbook' }, fires: false },
  ]);

  fixtureFires(rule, ["GET /orders", "GET /orders/{id}", "POST /orders"]);
});
