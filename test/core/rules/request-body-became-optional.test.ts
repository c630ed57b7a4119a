import { describe, expect } from 'vitest';
import rule from '../../../src/core/rules/request-body-became-optional.js';
import { deltaTable, fixtureFires } from '../../openapi/spec-rule-harness.js';

describe('request-body-became-optional', () => {
  expect(rule.severity).toBe('info');
  deltaTable(rule, [
    { name: 'fires on a body-became-optional delta', given: { kind: 'body-became-optional', location: 'request', path: 'request body', before: 'required', after: 'optional' }, fires: true, says: 'became optional' },
    { name: 'silent on another kind of delta', given: { kind: 'runbook-missing', location: 'ownership', path: 'runbook' }, fires: false },
  ]);

  fixtureFires(rule, ['POST /orders']);
});
