import { describe, expect } from 'vitest';
import rule from '../../../src/core/rules/spec-server-url-changed.js';
import { deltaTable, fixtureFires } from '../../openapi/spec-rule-harness.js';

describe('spec-server-url-changed', () => {
  expect(rule.severity).toBe('warning');
  deltaTable(rule, [
    { name: 'fires on a server-url-changed delta in the operation', given: {"kind": "server-url-changed", "location": "operation", "path": "servers", "before": "https://api.example.com/v1", "after": "https://api.example.io/v2"}, fires: true, says: "replaced by https://api.example.io/v2" },
    { name: 'silent on another kind of delta', given: { kind: 'runbook-missing', location: 'ownership', path: 'runbook' }, fires: false },
  ]);

  fixtureFires(rule, [null]);
});
