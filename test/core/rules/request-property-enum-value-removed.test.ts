import { describe, expect } from 'vitest';
import rule from '../../../src/core/rules/request-property-enum-value-removed.js';
import { deltaTable, fixtureFires } from '../../openapi/spec-rule-harness.js';

describe('request-property-enum-value-removed', () => {
  expect(rule.severity).toBe('breaking');
  deltaTable(rule, [
    { name: 'fires on a body-enum-value-removed delta in the request', given: {"kind": "body-enum-value-removed", "location": "request", "path": "request body application/json $.collection", "before": ["send_invoice"], "after": ["charge"]}, fires: true, says: "no longer accepts \"send_invoice\"" },
    { name: 'silent on another kind of delta', given: { kind: 'runbook-missing', location: 'ownership', path: 'runbook' }, fires: false },
  ]);

  fixtureFires(rule, ["POST /invoices"]);
});
