// Rule response-array-items-type-changed: the items of a response array now hold a type the snapshot never saw there.
import { defineRule } from '../define-rule.js';
import { describeType } from '../describe.js';

/**
 * The connector maps `tags[*]` as strings; when the vendor turns each tag into an object `{ id, name }`, every
 * tag is written as "[object Object]".
 */
export default defineRule({
  id: 'response-array-items-type-changed',
  severity: 'breaking',
  summary: 'the items of a response array hold a type the snapshot never saw there',
  match(delta) {
    if (delta.location !== 'response' || delta.kind !== 'items-type-changed') return null;
    return { message: `items of ${delta.path.replace(/\[\*\]$/, '')} changed type from ${describeType(delta.before)} to ${describeType(delta.after)}` };
  },
});
