import { describe, expect } from 'vitest';
import rule from '../../../src/core/rules/response-non-success-status-removed.js';
import { deltaTable, fixtureFires } from '../../openapi/spec-rule-harness.js';

describe('response-non-success-status-removed', () => {
  expect(rule.severity).toBe('info');
  deltaTable(rule, [
    { name: 'fires on a status-removed delta', given: {"kind": "status-removed", "location": "response", "path": "response 404", "before": "404"}, fires: true, says: "no longer documented" },
    { name: 'silent on another kind of delta', given: { kind: 'runbook-missing', location: 'ownership', path: 'runbook' }, fires: false },
  ]);

  fixtureFires(rule, ["GET /orders/{id}"]);
});
