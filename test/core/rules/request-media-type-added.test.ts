import { describe, expect } from 'vitest';
import rule from '../../../src/core/rules/request-media-type-added.js';
import { deltaTable, fixtureFires } from '../../openapi/spec-rule-harness.js';

describe('request-media-type-added', () => {
  expect(rule.severity).toBe('info');
  deltaTable(rule, [
    { name: 'fires on a request-media-type-added delta', given: {"kind": "request-media-type-added", "location": "request", "path": "request body application/x-www-form-urlencoded", "after": "application/x-www-form-urlencoded"}, fires: true, says: "is now accepted" },
    { name: 'silent on another kind of delta', given: { kind: 'runbook-missing', location: 'ownership', path: 'runbook' }, fires: false },
  ]);

  fixtureFires(rule, ["POST /orders"]);
});
