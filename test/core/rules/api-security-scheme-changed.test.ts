import { describe, expect } from 'vitest';
import rule from '../../../src/core/rules/api-security-scheme-changed.js';
import { deltaTable, fixtureFires } from '../../openapi/spec-rule-harness.js';

describe('api-security-scheme-changed', () => {
  expect(rule.severity).toBe('breaking');
  deltaTable(rule, [
    { name: 'fires on a security-scheme-changed delta in the auth', given: {"kind": "security-scheme-changed", "location": "auth", "path": "securitySchemes.apiKey", "before": {"name": "X-Api-Key"}, "after": {"name": "Authorization"}}, fires: true, says: "Authorization" },
    { name: 'silent on another kind of delta', given: { kind: 'runbook-missing', location: 'ownership', path: 'runbook' }, fires: false },
  ]);

  fixtureFires(rule, [null]);
});
