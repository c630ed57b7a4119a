import { describe, expect } from 'vitest';
import rule from '../../../src/core/rules/request-property-became-read-only.js';
import { deltaTable, fixtureFires } from '../../openapi/spec-rule-harness.js';

describe('request-property-became-read-only', () => {
  expect(rule.severity).toBe('warning');
  deltaTable(rule, [
    { name: 'fires on a body-property-became-read-only delta', given: {"kind": "body-property-became-read-only", "location": "request", "path": "$.status", "before": ["string"]}, fires: true, says: "became readOnly" },
    { name: 'silent on another kind of delta', given: { kind: 'runbook-missing', location: 'ownership', path: 'runbook' }, fires: false },
  ]);

  fixtureFires(rule, ["POST /orders"]);
});
