import { describe, expect } from 'vitest';
import rule from '../../../src/core/rules/api-operation-reinstated.js';
import { deltaTable, fixtureFires } from '../../openapi/spec-rule-harness.js';

describe('api-operation-reinstated', () => {
  expect(rule.severity).toBe('info');
  deltaTable(rule, [
    { name: 'fires on a operation-reinstated delta', given: {"kind": "operation-reinstated", "location": "operation", "path": "deprecated", "before": "deprecated"}, fires: true, says: "no longer deprecated" },
    { name: 'silent on another kind of delta', given: { kind: 'runbook-missing', location: 'ownership', path: 'runbook' }, fires: false },
  ]);

  fixtureFires(rule, ["GET /orders/{id}"]);
});
