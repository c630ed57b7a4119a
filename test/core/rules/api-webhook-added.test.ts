import { describe, expect } from 'vitest';
import rule from '../../../src/core/rules/api-webhook-added.js';
import { deltaTable, fixtureFires } from '../../openapi/spec-rule-harness.js';

describe('api-webhook-added', () => {
  expect(rule.severity).toBe('info');
  deltaTable(rule, [
    { name: 'fires on a webhook-added delta', given: {"kind": "webhook-added", "location": "operation", "path": "webhook orderPaid", "after": "webhook orderPaid"}, fires: true, says: "was added" },
    { name: 'silent on another kind of delta', given: { kind: 'runbook-missing', location: 'ownership', path: 'runbook' }, fires: false },
  ]);

  fixtureFires(rule, ["webhook orderPaid"]);
});
