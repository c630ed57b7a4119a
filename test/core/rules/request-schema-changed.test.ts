import { describe, expect } from 'vitest';
import rule from '../../../src/core/rules/request-schema-changed.js';
import { deltaTable, fixtureFires } from '../../openapi/spec-rule-harness.js';

describe('request-schema-changed', () => {
  expect(rule.severity).toBe('info');
  deltaTable(rule, [
    { name: 'fires on a request-schema-changed delta', given: {"kind": "request-schema-changed", "location": "request", "path": "$.code", "keyword": "not", "in": "body", "before": "set", "after": "set"}, fires: true, says: "not changed" },
    { name: 'silent on another kind of delta', given: { kind: 'runbook-missing', location: 'ownership', path: 'runbook' }, fires: false },
  ]);

  fixtureFires(rule, ["POST /orders"]);
});
