import { describe, expect } from 'vitest';
import rule from '../../../src/core/rules/request-property-max-length-decreased.js';
import { deltaTable, fixtureFires } from '../../openapi/spec-rule-harness.js';

describe('request-property-max-length-decreased', () => {
  expect(rule.severity).toBe('breaking');
  deltaTable(rule, [
    { name: 'fires on a body-max-length-decreased delta in the request', given: {"kind": "body-max-length-decreased", "location": "request", "path": "request body application/json $.memo", "after": 255}, fires: true, says: "maxLength set to 255" },
    { name: 'silent on another kind of delta', given: { kind: 'runbook-missing', location: 'ownership', path: 'runbook' }, fires: false },
  ]);

  fixtureFires(rule, ["POST /invoices"]);
});
