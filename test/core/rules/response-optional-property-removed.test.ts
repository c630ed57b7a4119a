import { describe, expect } from 'vitest';
import rule from '../../../src/core/rules/response-optional-property-removed.js';
import { deltaTable, fixtureFires } from '../../openapi/spec-rule-harness.js';

describe('response-optional-property-removed', () => {
  expect(rule.severity).toBe('warning');
  deltaTable(rule, [
    { name: 'fires on a optional-property-removed delta', given: {"kind": "optional-property-removed", "location": "response", "path": "$.memo", "before": ["string"]}, fires: true, says: "(optional) was removed" },
    { name: 'silent on another kind of delta', given: { kind: 'runbook-missing', location: 'ownership', path: 'runbook' }, fires: false },
  ]);

  fixtureFires(rule, ["GET /orders", "GET /orders/{id}", "POST /orders"]);
});
