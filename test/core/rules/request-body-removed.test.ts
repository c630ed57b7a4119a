import { describe, expect } from 'vitest';
import rule from '../../../src/core/rules/request-body-removed.js';
import { deltaTable, fixtureFires } from '../../openapi/spec-rule-harness.js';

describe('request-body-removed', () => {
  expect(rule.severity).toBe('warning');
  deltaTable(rule, [
    { name: 'fires on a body-removed delta', given: {"kind": "body-removed", "location": "request", "path": "request body", "before": "required"}, fires: true, says: "no longer documented" },
    { name: 'silent on another kind of delta', given: { kind: 'runbook-missing', location: 'ownership', path: 'runbook' }, fires: false },
  ]);

  fixtureFires(rule, ["POST /orders"]);
});
