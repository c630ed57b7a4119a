import { describe, expect } from 'vitest';
import rule from '../../../src/core/rules/spec-response-body-mismatch.js';
import { deltaTable } from '../../openapi/spec-rule-harness.js';

describe('spec-response-body-mismatch', () => {
  expect(rule.severity).toBe('breaking');
  deltaTable(rule, [
    { name: 'fires on a body-mismatch delta in the response', given: {"kind": "body-mismatch", "location": "response", "path": "$.data[*].amount_due", "detail": {"reason": "must be integer", "at": "$.data[3].amount_due"}}, fires: true, says: "must be integer (at $.data[3].amount_due)" },
    { name: 'silent on the same delta in the request', given: {"kind": "body-mismatch", "location": "request", "path": "$.data[*].amount_due", "detail": {"reason": "must be integer", "at": "$.data[3].amount_due"}}, fires: false },
    { name: 'silent on another kind of delta', given: {"kind": "type-changed", "location": "response", "path": "$.data[*].amount_due", "detail": {"reason": "must be integer", "at": "$.data[3].amount_due"}}, fires: false },
  ]);

  // Its live fixture (a vendor server and a spec file) is in test/openapi/spec-check.test.ts.
});
