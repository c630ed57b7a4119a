import { describe, expect } from 'vitest';
import rule from '../../../src/core/rules/response-media-type-removed.js';
import { deltaTable, fixtureFires } from '../../openapi/spec-rule-harness.js';

describe('response-media-type-removed', () => {
  expect(rule.severity).toBe('breaking');
  deltaTable(rule, [
    { name: 'fires on a media-type-removed delta in the response', given: {"kind": "media-type-removed", "location": "response", "path": "response 200 application/json", "before": "application/json", "after": ["application/vnd.x+json"]}, fires: true, says: "application/json was removed from the 200 response" },
    { name: 'silent on another kind of delta', given: { kind: 'runbook-missing', location: 'ownership', path: 'runbook' }, fires: false },
  ]);

  fixtureFires(rule, ["GET /invoices/{id}"], ["response-media-type-added"]);
});
