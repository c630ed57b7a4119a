import { describe, expect } from 'vitest';
import rule from '../../../src/core/rules/response-schema-widened.js';
import { deltaTable, fixtureFires } from '../../openapi/spec-rule-harness.js';

describe('response-schema-widened', () => {
  expect(rule.severity).toBe('warning');
  deltaTable(rule, [
    { name: 'fires on a schema-widened delta in the response', given: {"kind": "schema-widened", "location": "response", "path": "response 200 application/json $"}, fires: true, says: "accepts values the old one did not" },
    { name: 'silent on another kind of delta', given: { kind: 'runbook-missing', location: 'ownership', path: 'runbook' }, fires: false },
  ]);

  fixtureFires(rule, ["GET /orders", "GET /orders/{id}", "POST /orders"], ["response-schema-changed"]);
});
