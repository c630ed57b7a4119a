// Rule response-property-type-changed: a response field now holds a type the snapshot never saw there.
import { defineRule } from '../define-rule.js';
import { describeType, statedWording } from '../describe.js';

/**
 * The connector does arithmetic on `amount` as a number; when the vendor starts sending `"12.50"` as a string,
 * totals become string concatenations or NaN, and the ledger is wrong without a single error.
 */
export default defineRule({
  id: 'response-property-type-changed',
  severity: 'breaking',
  summary: 'a response field holds a type never accepted there (e.g. number -> string); also when the spec or a pact states the old type',
  on: 'type-changed',
  match: (delta, ctx) => ({
    message: statedWording(delta, ctx, {
      seen: `${delta.path} changed type from ${describeType(delta.before)} to ${describeType(delta.after)}`,
      spec: `${delta.path} is ${describeType(delta.after)}; the vendor's spec documents ${describeType(delta.before)}`,
      pact: `expects ${delta.path} to be ${describeType(delta.before)}; the vendor sends ${describeType(delta.after)}`,
    }),
  }),
});
