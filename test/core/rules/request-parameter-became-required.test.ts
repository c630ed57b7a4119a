import { describe, expect } from 'vitest';
import rule from '../../../src/core/rules/request-parameter-became-required.js';
import { deltaTable, fixtureFires } from '../../openapi/spec-rule-harness.js';

describe('request-parameter-became-required', () => {
  expect(rule.severity).toBe('breaking');
  deltaTable(rule, [
    { name: 'fires on a parameter-became-required delta in the request', given: {"kind": "parameter-became-required", "location": "request", "path": "parameter query.limit", "before": "optional", "after": "required"}, fires: true, says: "became required" },
    { name: 'silent on another kind of delta', given: { kind: 'runbook-missing', location: 'ownership', path: 'runbook' }, fires: false },
  ]);

  fixtureFires(rule, ["GET /invoices"]);
});
