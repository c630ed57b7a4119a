import { describe, expect } from 'vitest';
import rule from '../../../src/core/rules/request-discriminator-changed.js';
import { deltaTable, fixtureFires } from '../../openapi/spec-rule-harness.js';

describe('request-discriminator-changed', () => {
  expect(rule.severity).toBe('breaking');
  deltaTable(rule, [
    { name: 'fires on a request-discriminator-changed delta', given: {"kind": "request-discriminator-changed", "location": "request", "path": "$.payment", "before": "type", "after": "kind"}, fires: true, says: "chosen by \"kind\"" },
    { name: 'silent on another kind of delta', given: { kind: 'runbook-missing', location: 'ownership', path: 'runbook' }, fires: false },
  ]);

  fixtureFires(rule, ["POST /orders"]);
});
