import { describe, expect } from 'vitest';
import rule from '../../../src/core/rules/response-property-one-of-added.js';
import { deltaTable, fixtureFires } from '../../openapi/spec-rule-harness.js';

describe('response-property-one-of-added', () => {
  expect(rule.severity).toBe('warning');
  deltaTable(rule, [
    { name: 'fires on a one-of-added delta in the response', given: {"kind": "one-of-added", "location": "response", "path": "response 200 application/json $.payment", "before": ["Card", "Bank"], "after": ["Wallet"]}, fires: true, says: "may now be Wallet" },
    { name: 'silent on another kind of delta', given: { kind: 'runbook-missing', location: 'ownership', path: 'runbook' }, fires: false },
  ]);

  fixtureFires(rule, ["GET /invoices", "GET /invoices/{id}", "POST /invoices"]);
});
