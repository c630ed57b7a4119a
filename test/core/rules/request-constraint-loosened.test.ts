import { describe, expect } from 'vitest';
import rule from '../../../src/core/rules/request-constraint-loosened.js';
import { deltaTable, fixtureFires } from '../../openapi/spec-rule-harness.js';

describe('request-constraint-loosened', () => {
  expect(rule.severity).toBe('info');
  deltaTable(rule, [
    { name: 'fires on a request-constraint-loosened delta', given: {"kind": "request-constraint-loosened", "location": "request", "path": "parameter query.limit", "keyword": "maximum", "in": "parameter", "before": 100, "after": 500}, fires: true, says: "maximum 100 -> 500" },
    { name: 'silent on another kind of delta', given: { kind: 'runbook-missing', location: 'ownership', path: 'runbook' }, fires: false },
  ]);

  fixtureFires(rule, ["GET /orders"]);
});
