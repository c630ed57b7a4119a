import { describe, expect } from 'vitest';
import rule from '../../../src/core/rules/api-security-added.js';
import { deltaTable, fixtureFires } from '../../openapi/spec-rule-harness.js';

describe('api-security-added', () => {
  expect(rule.severity).toBe('breaking');
  deltaTable(rule, [
    { name: 'fires on a security-added delta in the auth', given: {"kind": "security-added", "location": "auth", "path": "security oauth", "after": "oauth", "wasAnonymous": true}, fires: true, says: "now requires oauth (anonymous access before)" },
    { name: 'silent on another kind of delta', given: { kind: 'runbook-missing', location: 'ownership', path: 'runbook' }, fires: false },
  ]);

  fixtureFires(rule, ["GET /invoices"], ["api-security-removed"]);
});
