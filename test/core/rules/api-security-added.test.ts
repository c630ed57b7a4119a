import { describe, expect } from 'vitest';
import rule from '../../../src/core/rules/api-security-added.js';
import { deltaTable, fixtureFires } from '../../openapi/spec-rule-harness.js';

describe('api-security-added', () => {
  expect(rule.severity).toBe('breaking');
  deltaTable(rule, [
    { name: 'fires on a security-added delta in the auth', given: {"kind": "security-added", "location": "auth", "path": "security oauth", "after": "oauth", "detail": {"wasAnonymous": true}}, fires: true, says: "now requires oauth (anonymous access before)" },
    { name: 'silent on the same delta in the request', given: {"kind": "security-added", "location": "request", "path": "security oauth", "after": "oauth", "detail": {"wasAnonymous": true}}, fires: false },
    { name: 'silent on another kind of delta', given: {"kind": "type-changed", "location": "auth", "path": "security oauth", "after": "oauth", "detail": {"wasAnonymous": true}}, fires: false },
  ]);

  fixtureFires(rule, ["GET /invoices"], ["api-security-removed"]);
});
