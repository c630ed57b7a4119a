import { describe, expect } from 'vitest';
import rule from '../../../src/core/rules/request-parameter-became-optional.js';
import { deltaTable, fixtureFires } from '../../openapi/spec-rule-harness.js';

describe('request-parameter-became-optional', () => {
  expect(rule.severity).toBe('info');
  deltaTable(rule, [
    { name: 'fires on a parameter-became-optional delta', given: {"kind": "parameter-became-optional", "location": "request", "path": "parameter query.status", "before": "required", "after": "optional"}, fires: true, says: "became optional" },
    { name: 'silent on another kind of delta', given: { kind: 'runbook-missing', location: 'ownership', path: 'runbook' }, fires: false },
  ]);

  fixtureFires(rule, ["GET /orders"]);
});
