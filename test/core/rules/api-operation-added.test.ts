import { describe, expect } from 'vitest';
import rule from '../../../src/core/rules/api-operation-added.js';
import { deltaTable, fixtureFires } from '../../openapi/spec-rule-harness.js';

describe('api-operation-added', () => {
  expect(rule.severity).toBe('info');
  deltaTable(rule, [
    { name: 'fires on a operation-added delta', given: {"kind": "operation-added", "location": "operation", "path": "GET /orders/search", "after": "GET /orders/search"}, fires: true, says: "was added" },
    { name: 'silent on another kind of delta', given: { kind: 'runbook-missing', location: 'ownership', path: 'runbook' }, fires: false },
  ]);

  fixtureFires(rule, ["GET /orders/search"]);
});
