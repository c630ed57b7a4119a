import { describe, expect } from 'vitest';
import rule from '../../../src/core/rules/request-property-removed.js';
import { deltaTable, fixtureFires } from '../../openapi/spec-rule-harness.js';

describe('request-property-removed', () => {
  expect(rule.severity).toBe('warning');
  deltaTable(rule, [
    { name: 'fires on a body-property-removed delta in the request', given: {"kind": "body-property-removed", "location": "request", "path": "request body application/json $.customer", "before": ["string"]}, fires: true, says: "was removed from the request body" },
    { name: 'silent on another kind of delta', given: { kind: 'runbook-missing', location: 'ownership', path: 'runbook' }, fires: false },
  ]);

  fixtureFires(rule, ["POST /invoices"]);
});
