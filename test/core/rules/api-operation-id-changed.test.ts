import { describe, expect } from 'vitest';
import rule from '../../../src/core/rules/api-operation-id-changed.js';
import { deltaTable, fixtureFires } from '../../openapi/spec-rule-harness.js';

describe('api-operation-id-changed', () => {
  expect(rule.severity).toBe('info');
  deltaTable(rule, [
    { name: 'fires on a operation-id-changed delta', given: {"kind": "operation-id-changed", "location": "operation", "path": "operationId", "before": "listOrders", "after": "getOrders"}, fires: true, says: "listOrders -> getOrders" },
    { name: 'silent on another kind of delta', given: { kind: 'runbook-missing', location: 'ownership', path: 'runbook' }, fires: false },
  ]);

  fixtureFires(rule, ["GET /orders"]);
});
