import { describe, expect } from 'vitest';
import rule from '../../../src/core/rules/response-header-added.js';
import { deltaTable, fixtureFires } from '../../openapi/spec-rule-harness.js';

describe('response-header-added', () => {
  expect(rule.severity).toBe('info');
  deltaTable(rule, [
    { name: 'fires on a header-added delta', given: {"kind": "header-added", "location": "response", "path": "response 200 header x-request-id", "after": "x-request-id"}, fires: true, says: "newly documented" },
    { name: 'silent on another kind of delta', given: { kind: 'runbook-missing', location: 'ownership', path: 'runbook' }, fires: false },
  ]);

  fixtureFires(rule, ["GET /orders/{id}"]);
});
