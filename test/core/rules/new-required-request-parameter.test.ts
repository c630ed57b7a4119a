import { describe, expect } from 'vitest';
import rule from '../../../src/core/rules/new-required-request-parameter.js';
import { deltaTable, fixtureFires } from '../../openapi/spec-rule-harness.js';

describe('new-required-request-parameter', () => {
  expect(rule.severity).toBe('breaking');
  deltaTable(rule, [
    { name: 'fires on a parameter-added-required delta in the request', given: {"kind": "parameter-added-required", "location": "request", "path": "parameter query.account", "after": "required"}, fires: true, says: "query.account is a new required parameter" },
    { name: 'silent on another kind of delta', given: { kind: 'runbook-missing', location: 'ownership', path: 'runbook' }, fires: false },
  ]);

  fixtureFires(rule, ["GET /invoices"]);
});
