import { describe, expect } from 'vitest';
import rule from '../../../src/core/rules/new-required-request-property.js';
import { deltaTable, fixtureFires } from '../../openapi/spec-rule-harness.js';

describe('new-required-request-property', () => {
  expect(rule.severity).toBe('breaking');
  deltaTable(rule, [
    { name: 'fires on a body-required-property-added delta in the request', given: {"kind": "body-required-property-added", "location": "request", "path": "request body application/json $.tax_id", "after": ["string"]}, fires: true, says: "$.tax_id is a new required property" },
    { name: 'silent on another kind of delta', given: { kind: 'runbook-missing', location: 'ownership', path: 'runbook' }, fires: false },
  ]);

  fixtureFires(rule, ["POST /invoices"]);
});
