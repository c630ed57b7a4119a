import { describe, expect } from 'vitest';
import rule from '../../../src/core/rules/response-status-added.js';
import { deltaTable, fixtureFires } from '../../openapi/spec-rule-harness.js';

describe('response-status-added', () => {
  expect(rule.severity).toBe('info');
  deltaTable(rule, [
    { name: 'fires on a status-added delta', given: {"kind": "status-added", "location": "response", "path": "response 429", "after": "429"}, fires: true, says: "newly documented" },
    { name: "a new success status is a warning", given: {"kind": "status-added", "location": "response", "path": "response 202", "after": "202"}, fires: true, severity: "warning", says: "response 202" },
    { name: 'silent on another kind of delta', given: { kind: 'runbook-missing', location: 'ownership', path: 'runbook' }, fires: false },
  ]);

  fixtureFires(rule, ["GET /orders/{id}"]);
});
