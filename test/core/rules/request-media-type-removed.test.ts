import { describe, expect } from 'vitest';
import rule from '../../../src/core/rules/request-media-type-removed.js';
import { deltaTable, fixtureFires } from '../../openapi/spec-rule-harness.js';

describe('request-media-type-removed', () => {
  expect(rule.severity).toBe('breaking');
  deltaTable(rule, [
    { name: 'fires on a request-media-type-removed delta', given: {"kind": "request-media-type-removed", "location": "request", "path": "request body application/json", "before": "application/json", "after": ["application/x-www-form-urlencoded"]}, fires: true, says: "no longer accepted" },
    { name: 'silent on another kind of delta', given: { kind: 'runbook-missing', location: 'ownership', path: 'runbook' }, fires: false },
  ]);

  fixtureFires(rule, ["POST /orders"]);
});
