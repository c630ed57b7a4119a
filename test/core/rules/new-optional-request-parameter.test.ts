import { describe, expect } from 'vitest';
import rule from '../../../src/core/rules/new-optional-request-parameter.js';
import { deltaTable, fixtureFires } from '../../openapi/spec-rule-harness.js';

describe('new-optional-request-parameter', () => {
  expect(rule.severity).toBe('info');
  deltaTable(rule, [
    { name: 'fires on a parameter-added-optional delta', given: {"kind": "parameter-added-optional", "location": "request", "path": "parameter query.cursor", "after": "optional"}, fires: true, says: "new optional parameter" },
    { name: 'silent on another kind of delta', given: { kind: 'runbook-missing', location: 'ownership', path: 'runbook' }, fires: false },
  ]);

  fixtureFires(rule, ["GET /orders"]);
});
