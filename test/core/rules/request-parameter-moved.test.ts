import { describe, expect } from 'vitest';
import rule from '../../../src/core/rules/request-parameter-moved.js';
import { deltaTable, fixtureFires } from '../../openapi/spec-rule-harness.js';

describe('request-parameter-moved', () => {
  expect(rule.severity).toBe('breaking');
  deltaTable(rule, [
    { name: 'fires on a parameter-moved delta', given: {"kind": "parameter-moved", "location": "request", "path": "parameter query.api_version", "before": "query.api_version", "after": "header.api_version"}, fires: true, says: "moved to header.api_version" },
    { name: 'silent on another kind of delta', given: { kind: 'runbook-missing', location: 'ownership', path: 'runbook' }, fires: false },
  ]);

  fixtureFires(rule, ["GET /orders"]);
});
