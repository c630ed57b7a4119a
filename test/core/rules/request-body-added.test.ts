import { describe, expect } from 'vitest';
import rule from '../../../src/core/rules/request-body-added.js';
import { deltaTable, fixtureFires } from '../../openapi/spec-rule-harness.js';

describe('request-body-added', () => {
  expect(rule.severity).toBe('info');
  deltaTable(rule, [
    { name: 'fires on a body-added delta', given: {"kind": "body-added", "location": "request", "path": "request body", "after": ["application/json"]}, fires: true, says: "may now be sent" },
    { name: 'silent on another kind of delta', given: { kind: 'runbook-missing', location: 'ownership', path: 'runbook' }, fires: false },
  ]);

  fixtureFires(rule, ["GET /orders/{id}"]);
});
