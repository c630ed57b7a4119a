import { describe, expect } from 'vitest';
import rule from '../../../src/core/rules/request-constraint-tightened.js';
import { deltaTable, fixtureFires } from '../../openapi/spec-rule-harness.js';

describe('request-constraint-tightened', () => {
  expect(rule.severity).toBe('breaking');
  deltaTable(rule, [
    { name: 'fires on a request-constraint-tightened delta', given: {"kind": "request-constraint-tightened", "location": "request", "path": "$.quantity", "keyword": "minimum", "in": "body", "before": null, "after": 1}, fires: true, says: "minimum none -> 1" },
    { name: "a new format is only a warning", given: {"kind": "request-constraint-tightened", "location": "request", "path": "parameter query.email", "keyword": "format", "in": "parameter", "before": null, "after": "email"}, fires: true, severity: "warning", says: "format none -> email" },
    { name: "null refused", given: {"kind": "request-constraint-tightened", "location": "request", "path": "$.due", "keyword": "nullable", "in": "body", "before": ["string", "null"], "after": ["string"]}, fires: true, says: "no longer accepts null" },
    { name: 'silent on another kind of delta', given: { kind: 'runbook-missing', location: 'ownership', path: 'runbook' }, fires: false },
  ]);

  fixtureFires(rule, ["POST /orders"]);
});
