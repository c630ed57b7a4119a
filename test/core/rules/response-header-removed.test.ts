import { describe, expect } from 'vitest';
import rule from '../../../src/core/rules/response-header-removed.js';
import { deltaTable, fixtureFires } from '../../openapi/spec-rule-harness.js';

describe('response-header-removed', () => {
  expect(rule.severity).toBe('breaking');
  deltaTable(rule, [
    { name: 'fires on a header-removed delta', given: {"kind": "header-removed", "location": "response", "path": "response 200 header link", "before": "link", "required": true}, fires: true, says: "(it was required)" },
    { name: "an optional header is a warning", given: {"kind": "header-removed", "location": "response", "path": "response 200 header x-request-id", "before": "x-request-id", "required": false}, fires: true, severity: "warning", says: "was removed" },
    { name: 'silent on another kind of delta', given: { kind: 'runbook-missing', location: 'ownership', path: 'runbook' }, fires: false },
  ]);

  fixtureFires(rule, ["GET /orders/{id}"]);
});
