import { describe, expect } from 'vitest';
import rule from '../../../src/core/rules/api-webhook-removed.js';
import { deltaTable, fixtureFires } from '../../openapi/spec-rule-harness.js';

describe('api-webhook-removed', () => {
  expect(rule.severity).toBe('breaking');
  deltaTable(rule, [
    { name: 'fires on a webhook-removed delta', given: {"kind": "webhook-removed", "location": "operation", "path": "webhook orderPaid", "before": "webhook orderPaid"}, fires: true, says: "no longer documented" },
    { name: 'silent on another kind of delta', given: { kind: 'runbook-missing', location: 'ownership', path: 'runbook' }, fires: false },
  ]);

  fixtureFires(rule, ["webhook orderPaid"]);
});
