import { describe, expect } from 'vitest';
import rule from '../../../src/core/rules/request-parameter-type-changed.js';
import { deltaTable, fixtureFires } from '../../openapi/spec-rule-harness.js';

describe('request-parameter-type-changed', () => {
  expect(rule.severity).toBe('breaking');
  deltaTable(rule, [
    { name: 'fires on a parameter-type-changed delta in the request', given: {"kind": "parameter-type-changed", "location": "request", "path": "parameter query.limit", "before": ["integer"], "after": ["string"]}, fires: true, says: "from integer to string" },
    { name: 'silent on another kind of delta', given: { kind: 'runbook-missing', location: 'ownership', path: 'runbook' }, fires: false },
  ]);

  fixtureFires(rule, ["GET /invoices"]);
});
