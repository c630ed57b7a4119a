import { describe, expect } from 'vitest';
import rule from '../../../src/core/rules/request-property-pattern-added.js';
import { deltaTable, fixtureFires } from '../../openapi/spec-rule-harness.js';

describe('request-property-pattern-added', () => {
  expect(rule.severity).toBe('warning');
  deltaTable(rule, [
    { name: 'fires on a body-pattern-added delta in the request', given: {"kind": "body-pattern-added", "location": "request", "path": "request body application/json $.customer", "before": "^c", "after": "^cus_"}, fires: true, says: "must now match ^cus_ (was ^c)" },
    { name: 'silent on another kind of delta', given: { kind: 'runbook-missing', location: 'ownership', path: 'runbook' }, fires: false },
  ]);

  fixtureFires(rule, ["POST /invoices"]);
});
