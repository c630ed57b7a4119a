import { describe, expect } from 'vitest';
import rule from '../../../src/core/rules/request-parameter-serialization-changed.js';
import { deltaTable, fixtureFires } from '../../openapi/spec-rule-harness.js';

describe('request-parameter-serialization-changed', () => {
  expect(rule.severity).toBe('breaking');
  deltaTable(rule, [
    { name: 'fires on a parameter-serialization-changed delta', given: {"kind": "parameter-serialization-changed", "location": "request", "path": "parameter query.ids", "before": "style form, explode true", "after": "style form, explode false"}, fires: true, says: "explode true -> style form, explode false" },
    { name: 'silent on another kind of delta', given: { kind: 'runbook-missing', location: 'ownership', path: 'runbook' }, fires: false },
  ]);

  fixtureFires(rule, ["GET /orders"]);
});
