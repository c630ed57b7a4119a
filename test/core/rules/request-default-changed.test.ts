import { describe, expect } from 'vitest';
import rule from '../../../src/core/rules/request-default-changed.js';
import { deltaTable, fixtureFires } from '../../openapi/spec-rule-harness.js';

describe('request-default-changed', () => {
  expect(rule.severity).toBe('warning');
  deltaTable(rule, [
    { name: 'fires on a request-default-changed delta', given: {"kind": "request-default-changed", "location": "request", "path": "parameter query.limit", "before": 100, "after": 20}, fires: true, says: "default 100 -> 20" },
    { name: 'silent on another kind of delta', given: { kind: 'runbook-missing', location: 'ownership', path: 'runbook' }, fires: false },
  ]);

  fixtureFires(rule, ["GET /orders"]);
});
