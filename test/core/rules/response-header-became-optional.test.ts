import { describe, expect } from 'vitest';
import rule from '../../../src/core/rules/response-header-became-optional.js';
import { deltaTable, fixtureFires } from '../../openapi/spec-rule-harness.js';

describe('response-header-became-optional', () => {
  expect(rule.severity).toBe('warning');
  deltaTable(rule, [
    { name: 'fires on a header-became-optional delta', given: {"kind": "header-became-optional", "location": "response", "path": "response 200 header x-total-count", "before": "required", "after": "optional"}, fires: true, says: "no longer always sent" },
    { name: 'silent on another kind of delta', given: { kind: 'runbook-missing', location: 'ownership', path: 'runbook' }, fires: false },
  ]);

  fixtureFires(rule, ["GET /orders/{id}"]);
});
