import { describe, expect } from 'vitest';
import rule from '../../../src/core/rules/request-parameter-enum-value-removed.js';
import { deltaTable, fixtureFires } from '../../openapi/spec-rule-harness.js';

describe('request-parameter-enum-value-removed', () => {
  expect(rule.severity).toBe('breaking');
  deltaTable(rule, [
    { name: 'fires on a parameter-enum-value-removed delta in the request', given: {"kind": "parameter-enum-value-removed", "location": "request", "path": "parameter query.status", "before": ["draft"], "after": ["open"]}, fires: true, says: "no longer accepts \"draft\"" },
    { name: 'silent on another kind of delta', given: { kind: 'runbook-missing', location: 'ownership', path: 'runbook' }, fires: false },
  ]);

  fixtureFires(rule, ["GET /invoices"]);
});
