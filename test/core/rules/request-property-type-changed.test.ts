import { describe, expect } from 'vitest';
import rule from '../../../src/core/rules/request-property-type-changed.js';
import { deltaTable, fixtureFires } from '../../openapi/spec-rule-harness.js';

describe('request-property-type-changed', () => {
  expect(rule.severity).toBe('breaking');
  deltaTable(rule, [
    { name: 'fires on a body-type-changed delta in the request', given: {"kind": "body-type-changed", "location": "request", "path": "request body application/json $.amount", "before": ["integer"], "after": ["string"]}, fires: true, says: "from integer to string" },
    { name: 'silent on another kind of delta', given: { kind: 'runbook-missing', location: 'ownership', path: 'runbook' }, fires: false },
  ]);

  fixtureFires(rule, ["POST /invoices"]);
});
