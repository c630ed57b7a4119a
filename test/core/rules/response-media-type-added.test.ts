import { describe, expect } from 'vitest';
import rule from '../../../src/core/rules/response-media-type-added.js';
import { deltaTable, fixtureFires } from '../../openapi/spec-rule-harness.js';

describe('response-media-type-added', () => {
  expect(rule.severity).toBe('info');
  deltaTable(rule, [
    { name: 'fires on a media-type-added delta', given: {"kind": "media-type-added", "location": "response", "path": "response 200 text/csv", "after": "text/csv"}, fires: true, says: "may now be answered" },
    { name: 'silent on another kind of delta', given: { kind: 'runbook-missing', location: 'ownership', path: 'runbook' }, fires: false },
  ]);

  fixtureFires(rule, ["GET /orders/{id}"]);
});
