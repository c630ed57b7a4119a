import { describe, expect } from 'vitest';
import rule from '../../../src/core/rules/response-discriminator-changed.js';
import { deltaTable, fixtureFires } from '../../openapi/spec-rule-harness.js';

describe('response-discriminator-changed', () => {
  expect(rule.severity).toBe('breaking');
  deltaTable(rule, [
    { name: 'fires on a response-discriminator-changed delta', given: {"kind": "response-discriminator-changed", "location": "response", "path": "$.payment", "before": "type", "after": "kind"}, fires: true, says: "named by \"kind\"" },
    { name: 'silent on another kind of delta', given: { kind: 'runbook-missing', location: 'ownership', path: 'runbook' }, fires: false },
  ]);

  fixtureFires(rule, ["GET /orders", "GET /orders/{id}", "POST /orders"]);
});
