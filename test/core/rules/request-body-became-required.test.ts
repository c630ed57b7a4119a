import { describe, expect } from 'vitest';
import rule from '../../../src/core/rules/request-body-became-required.js';
import { deltaTable, fixtureFires } from '../../openapi/spec-rule-harness.js';

describe('request-body-became-required', () => {
  expect(rule.severity).toBe('breaking');
  deltaTable(rule, [
    { name: 'fires on a body-became-required delta in the request', given: {"kind": "body-became-required", "location": "request", "path": "request body", "before": "optional", "after": "required"}, fires: true, says: "became required (was optional)" },
    { name: 'silent on another kind of delta', given: { kind: 'runbook-missing', location: 'ownership', path: 'runbook' }, fires: false },
  ]);

  fixtureFires(rule, ["POST /invoices"]);
});
