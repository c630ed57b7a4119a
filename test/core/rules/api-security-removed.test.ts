import { describe, expect } from 'vitest';
import rule from '../../../src/core/rules/api-security-removed.js';
import { deltaTable, fixtureFires } from '../../openapi/spec-rule-harness.js';

describe('api-security-removed', () => {
  expect(rule.severity).toBe('info');
  deltaTable(rule, [
    { name: 'fires on a security-removed delta in the auth', given: {"kind": "security-removed", "location": "auth", "path": "security apiKey", "before": "apiKey"}, fires: true, says: "no longer uses apiKey" },
    { name: 'silent on another kind of delta', given: { kind: 'runbook-missing', location: 'ownership', path: 'runbook' }, fires: false },
  ]);

  fixtureFires(rule, ["GET /invoices"]);
});
