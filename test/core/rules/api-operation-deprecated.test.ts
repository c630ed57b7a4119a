import { describe, expect } from 'vitest';
import rule from '../../../src/core/rules/api-operation-deprecated.js';
import { deltaTable, fixtureFires } from '../../openapi/spec-rule-harness.js';

describe('api-operation-deprecated', () => {
  expect(rule.severity).toBe('info');
  deltaTable(rule, [
    { name: 'fires on a operation-deprecated delta', given: {"kind": "operation-deprecated", "location": "operation", "path": "deprecated", "after": "deprecated"}, fires: true, says: "is now deprecated" },
    { name: "a warning when the sunset is near", given: {"kind": "operation-deprecated", "location": "operation", "path": "deprecated", "after": "2026-12-01", "sunset": "2026-12-01", "daysLeft": 8, "warnDays": 30}, fires: true, severity: "warning", says: "(sunset 2026-12-01, in 8 days)" },
    { name: "breaking once the sunset has passed", given: {"kind": "operation-deprecated", "location": "operation", "path": "deprecated", "after": "2026-11-01", "sunset": "2026-11-01", "daysLeft": -22, "warnDays": 30}, fires: true, severity: "breaking", says: "has passed" },
    { name: "info while the sunset is far", given: {"kind": "operation-deprecated", "location": "operation", "path": "deprecated", "after": "2027-06-01", "sunset": "2027-06-01", "daysLeft": 190, "warnDays": 30}, fires: true, severity: "info", says: "in 190 days" },
    { name: 'silent on another kind of delta', given: { kind: 'runbook-missing', location: 'ownership', path: 'runbook' }, fires: false },
  ]);

  fixtureFires(rule, ["GET /orders/{id}"]);
});
