import { describe, expect } from 'vitest';
import rule from '../../../src/core/rules/request-parameter-max-length-decreased.js';
import { deltaTable, fixtureFires } from '../../openapi/spec-rule-harness.js';

describe('request-parameter-max-length-decreased', () => {
  expect(rule.severity).toBe('breaking');
  deltaTable(rule, [
    { name: 'fires on a parameter-max-length-decreased delta in the request', given: {"kind": "parameter-max-length-decreased", "location": "request", "path": "parameter query.ref", "before": 64, "after": 32}, fires: true, says: "lowered from 64 to 32" },
    { name: 'silent on another kind of delta', given: { kind: 'runbook-missing', location: 'ownership', path: 'runbook' }, fires: false },
  ]);

  fixtureFires(rule, ["GET /invoices"]);
});
