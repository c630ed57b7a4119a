import { describe, expect, it } from 'vitest';
import rule from '../../../src/core/rules/event-type-added.js';
import { eventTypeAddedDelta } from '../../../src/events/event-deltas.js';
import { deltaRuleTable } from '../../owners/rule-table.js';

describe('event-type-added', () => {
  it('defaults to info: news, never a page', () => expect(rule.severity).toBe('info'));
  deltaRuleTable(rule, [
    { name: 'a type with no baseline names the type and the way to accept it', deltas: () => [eventTypeAddedDelta('invoice.voided', 3)], want: [{ path: '$', message: /new event type invoice\.voided \(3 deliveries\).*driftwatch accept/ }] },
    { name: 'one delivery is worded as one', deltas: () => [eventTypeAddedDelta('invoice.voided', 1)], want: [{ path: '$', message: /\(1 delivery\)/ }] },
  ]);
});
