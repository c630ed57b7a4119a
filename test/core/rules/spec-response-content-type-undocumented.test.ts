import { describe, expect } from 'vitest';
import rule from '../../../src/core/rules/spec-response-content-type-undocumented.js';
import { deltaTable } from '../../openapi/spec-rule-harness.js';

describe('spec-response-content-type-undocumented', () => {
  expect(rule.severity).toBe('breaking');
  deltaTable(rule, [
    { name: 'fires on a content-type-undocumented delta in the response', given: {"kind": "content-type-undocumented", "location": "response", "path": "content-type", "before": ["application/json"], "after": "text/html"}, fires: true, says: "text/html is not documented" },
    { name: 'silent on the same delta in the request', given: {"kind": "content-type-undocumented", "location": "request", "path": "content-type", "before": ["application/json"], "after": "text/html"}, fires: false },
    { name: 'silent on another kind of delta', given: {"kind": "type-changed", "location": "response", "path": "content-type", "before": ["application/json"], "after": "text/html"}, fires: false },
  ]);

  // Its live fixture (a vendor server and a spec file) is in test/openapi/spec-check.test.ts.
});
