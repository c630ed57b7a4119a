import { describe, expect } from 'vitest';
import rule from '../../../src/core/rules/new-optional-request-property.js';
import { deltaTable, fixtureFires } from '../../openapi/spec-rule-harness.js';

describe('new-optional-request-property', () => {
  expect(rule.severity).toBe('info');
  deltaTable(rule, [
    { name: 'fires on a body-optional-property-added delta', given: {"kind": "body-optional-property-added", "location": "request", "path": "$.note", "after": ["string"]}, fires: true, says: "new optional property" },
    { name: 'silent on another kind of delta', given: { kind: 'runbook-missing', location: 'ownership', path: 'runbook' }, fires: false },
  ]);

  fixtureFires(rule, ["POST /orders"]);
});
