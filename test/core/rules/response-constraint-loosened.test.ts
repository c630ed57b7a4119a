import { describe, expect } from 'vitest';
import rule from '../../../src/core/rules/response-constraint-loosened.js';
import { deltaTable, fixtureFires } from '../../openapi/spec-rule-harness.js';

describe('response-constraint-loosened', () => {
  expect(rule.severity).toBe('warning');
  deltaTable(rule, [
    { name: 'fires on a response-constraint-loosened delta', given: {"kind": "response-constraint-loosened", "location": "response", "path": "$.name", "keyword": "maxLength", "in": "response", "before": 64, "after": 255}, fires: true, says: "maxLength 64 -> 255" },
    { name: "an enum lifted", given: {"kind": "response-constraint-loosened", "location": "response", "path": "$.status", "keyword": "enum", "in": "response", "before": ["open", "paid"], "after": null}, fires: true, says: "no longer restricted to \"open\", \"paid\"" },
    { name: 'silent on another kind of delta', given: { kind: 'runbook-missing', location: 'ownership', path: 'runbook' }, fires: false },
  ]);

  fixtureFires(rule, ["GET /invoices", "GET /invoices/{id}", "POST /invoices"]);
});
