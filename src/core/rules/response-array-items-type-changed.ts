// Rule response-array-items-type-changed: the items of a response array now hold a type the snapshot never saw there.
import { defineRule } from '../define-rule.js';
import { describeType, statedWording } from '../describe.js';

/**
 * The connector maps `tags[*]` as strings; when the vendor turns each tag into an object `{ id, name }`, every
 * tag is written as "[object Object]".
 */
export default defineRule({
  id: 'response-array-items-type-changed',
  severity: 'breaking',
  summary: 'the items of a response array hold a type never accepted there',
  on: 'items-type-changed',
  match: (delta, ctx) => {
    const list = delta.path.replace(/\[\*\]$/, '');
    return {
      message: statedWording(delta, ctx, {
        seen: `items of ${list} changed type from ${describeType(delta.before)} to ${describeType(delta.after)}`,
        spec: `items of ${list} are ${describeType(delta.after)}; the vendor's spec documents ${describeType(delta.before)}`,
        pact: `expects the items of ${list} to be ${describeType(delta.before)}; the vendor sends ${describeType(delta.after)}`,
      }),
    };
  },
});
