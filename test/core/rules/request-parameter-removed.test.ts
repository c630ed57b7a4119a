import { describe, expect } from 'vitest';
import rule from '../../../src/core/rules/request-parameter-removed.js';
import { deltaTable, fixtureFires } from '../../openapi/spec-rule-harness.js';

describe('request-parameter-removed', () => {
  expect(rule.severity).toBe('warning');
  deltaTable(rule, [
    { name: 'fires on a parameter-removed delta in the request', given: {"kind": "parameter-removed", "location": "request", "path": "parameter query.ref", "before": "optional"}, fires: true, says: "was removed" },
    { name: 'silent on another kind of delta', given: { kind: 'runbook-missing', location: 'ownership', path: 'runbook' }, fires: false },
  ]);

  fixtureFires(rule, ["GET /invoices"]);
});
