import { describe, expect } from 'vitest';
import rule from '../../../src/core/rules/request-property-deprecated.js';
import { deltaTable, fixtureFires } from '../../openapi/spec-rule-harness.js';

describe('request-property-deprecated', () => {
  expect(rule.severity).toBe('info');
  deltaTable(rule, [
    { name: 'fires on a request-property-deprecated delta', given: {"kind": "request-property-deprecated", "location": "request", "path": "$.status"}, fires: true, says: "is now deprecated" },
    { name: 'silent on another kind of delta', given: { kind: 'runbook-missing', location: 'ownership', path: 'runbook' }, fires: false },
  ]);

  fixtureFires(rule, ["POST /orders"]);
});
