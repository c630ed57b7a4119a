import { describe, expect } from 'vitest';
import rule from '../../../src/core/rules/request-property-became-required.js';
import { deltaTable, fixtureFires } from '../../openapi/spec-rule-harness.js';

describe('request-property-became-required', () => {
  expect(rule.severity).toBe('breaking');
  deltaTable(rule, [
    { name: 'fires on a body-property-became-required delta in the request', given: {"kind": "body-property-became-required", "location": "request", "path": "request body application/json $.memo", "before": "optional", "after": "required"}, fires: true, says: "became required" },
    { name: 'silent on another kind of delta', given: { kind: 'runbook-missing', location: 'ownership', path: 'runbook' }, fires: false },
  ]);

  fixtureFires(rule, ["POST /invoices"]);
});
