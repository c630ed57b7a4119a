import { describe, expect } from 'vitest';
import rule from '../../../src/core/rules/api-security-scope-added.js';
import { deltaTable, fixtureFires } from '../../openapi/spec-rule-harness.js';

describe('api-security-scope-added', () => {
  expect(rule.severity).toBe('breaking');
  deltaTable(rule, [
    { name: 'fires on a security-scope-added delta in the auth', given: {"kind": "security-scope-added", "location": "auth", "path": "security oauth", "before": ["invoices:write"], "after": ["invoices:admin"]}, fires: true, says: "requires scope(s) \"invoices:admin\"" },
    { name: 'silent on another kind of delta', given: { kind: 'runbook-missing', location: 'ownership', path: 'runbook' }, fires: false },
  ]);

  fixtureFires(rule, ["POST /invoices"]);
});
