import { describe, expect, it } from 'vitest';
import rule from '../../../src/core/rules/response-content-type-changed.js';
import { changesFor, ruleTable } from '../rule-harness.js';

describe('response-content-type-changed', () => {
  it('defaults to breaking', () => expect(rule.severity).toBe('breaking'));
  ruleTable(rule, [
    { name: 'json -> html', given: { before: [{ id: 1 }], after: ['<html>'], contentTypeAfter: 'text/html; charset=utf-8' }, paths: ['content-type'] },
    { name: 'json -> none', given: { before: [{ id: 1 }], after: [null], contentTypeAfter: null }, paths: ['content-type'] },
    { name: 'charset and case are ignored', given: { before: [{ id: 1 }], after: [{ id: 1 }], contentTypeAfter: 'Application/JSON; charset=utf-8' }, paths: [] },
    { name: 'json -> problem+json', given: { before: [{ id: 1 }], after: [{ id: 1 }], contentTypeAfter: 'application/problem+json' }, paths: ['content-type'] },
  ]);

  it('carries before/after and a readable message', () => {
    const [change] = changesFor(rule, { before: [{ id: 1 }], after: ['<html>'], contentTypeAfter: 'text/html' });
    expect(change?.message).toBe('content type changed from application/json to text/html');
  });
});
