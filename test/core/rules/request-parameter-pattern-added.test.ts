import { describe, expect } from 'vitest';
import rule from '../../../src/core/rules/request-parameter-pattern-added.js';
import { deltaTable, fixtureFires } from '../../openapi/spec-rule-harness.js';

describe('request-parameter-pattern-added', () => {
  expect(rule.severity).toBe('warning');
  deltaTable(rule, [
    { name: 'fires on a parameter-pattern-added delta in the request', given: {"kind": "parameter-pattern-added", "location": "request", "path": "parameter query.ref", "after": "^[a-z]+$"}, fires: true, says: "must now match ^[a-z]+$" },
    { name: 'silent on another kind of delta', given: { kind: 'runbook-missing', location: 'ownership', path: 'runbook' }, fires: false },
  ]);

  fixtureFires(rule, ["GET /invoices"]);
});
