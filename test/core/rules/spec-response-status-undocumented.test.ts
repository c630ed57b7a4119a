import { describe, expect } from 'vitest';
import rule from '../../../src/core/rules/spec-response-status-undocumented.js';
import { deltaTable } from '../../openapi/spec-rule-harness.js';

describe('spec-response-status-undocumented', () => {
  expect(rule.severity).toBe('breaking');
  deltaTable(rule, [
    { name: 'fires on a status-undocumented delta in the response', given: {"kind": "status-undocumented", "location": "response", "path": "status", "before": ["200", "404"], "after": 202}, fires: true, says: "status 202 is not documented (spec lists 200, 404)" },
    { name: 'silent on the same delta in the request', given: {"kind": "status-undocumented", "location": "request", "path": "status", "before": ["200", "404"], "after": 202}, fires: false },
    { name: 'silent on another kind of delta', given: {"kind": "type-changed", "location": "response", "path": "status", "before": ["200", "404"], "after": 202}, fires: false },
  ]);

  // Its live fixture (a vendor server and a spec file) is in test/openapi/spec-check.test.ts.
});
