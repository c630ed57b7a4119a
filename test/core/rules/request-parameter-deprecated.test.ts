import { describe, expect } from 'vitest';
import rule from '../../../src/core/rules/request-parameter-deprecated.js';
import { deltaTable, fixtureFires } from '../../openapi/spec-rule-harness.js';

describe('request-parameter-deprecated', () => {
  expect(rule.severity).toBe('info');
  deltaTable(rule, [
    { name: 'fires on a parameter-deprecated delta', given: {"kind": "parameter-deprecated", "location": "request", "path": "parameter query.status", "after": "deprecated"}, fires: true, says: "is now deprecated" },
    { name: "a warning inside the warning window", given: {"kind": "parameter-deprecated", "location": "request", "path": "parameter query.status", "after": "2026-12-01", "sunset": "2026-12-01", "daysLeft": 8, "warnDays": 30}, fires: true, severity: "warning", says: "in 8 days" },
    { name: "breaking once the sunset has passed", given: {"kind": "parameter-deprecated", "location": "request", "path": "parameter query.status", "after": "2026-11-01", "sunset": "2026-11-01", "daysLeft": -22, "warnDays": 30}, fires: true, severity: "breaking", says: "has passed" },
    { name: 'silent on another kind of delta', given: { kind: 'runbook-missing', location: 'ownership', path: 'runbook' }, fires: false },
  ]);

  fixtureFires(rule, ["GET /orders"]);
});
