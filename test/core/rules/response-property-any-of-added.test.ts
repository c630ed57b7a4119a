import { describe, expect } from 'vitest';
import rule from '../../../src/core/rules/response-property-any-of-added.js';
import { deltaTable, fixtureFires } from '../../openapi/spec-rule-harness.js';

describe('response-property-any-of-added', () => {
  expect(rule.severity).toBe('warning');
  deltaTable(rule, [
    { name: 'fires on a any-of-added delta in the response', given: {"kind": "any-of-added", "location": "response", "path": "response 200 application/json $.tags", "before": ["string", "integer"], "after": ["boolean"]}, fires: true, says: "may now be boolean" },
    { name: 'silent on another kind of delta', given: { kind: 'runbook-missing', location: 'ownership', path: 'runbook' }, fires: false },
  ]);

  fixtureFires(rule, ["GET /invoices", "GET /invoices/{id}", "POST /invoices"]);
});
