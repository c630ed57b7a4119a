import { describe, expect } from 'vitest';
import rule from '../../../src/core/rules/api-security-scope-removed.js';
import { deltaTable, fixtureFires } from '../../openapi/spec-rule-harness.js';

describe('api-security-scope-removed', () => {
  expect(rule.severity).toBe('info');
  deltaTable(rule, [
    { name: 'fires on a security-scope-removed delta', given: {"kind": "security-scope-removed", "location": "auth", "path": "security oauth", "before": ["orders:admin"], "after": ["orders:write"]}, fires: true, says: "no longer requires scope(s) \"orders:admin\"" },
    { name: 'silent on another kind of delta', given: { kind: 'runbook-missing', location: 'ownership', path: 'runbook' }, fires: false },
  ]);

  fixtureFires(rule, ["POST /orders"]);
});
