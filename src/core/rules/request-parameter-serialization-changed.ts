// Rule request-parameter-serialization-changed: an array or object parameter's serialisation (style, explode) changed.
import { defineRule } from '../define-rule.js';

/**
 * The connector sends `ids=1,2,3`; the vendor now expects `ids=1&ids=2&ids=3`. The filter is read as one odd id (or
 * refused), and the connector syncs the wrong records.
 */
export default defineRule({
  id: 'request-parameter-serialization-changed',
  severity: 'breaking',
  summary: "an array or object parameter's serialisation (style, explode) changed",
  on: 'parameter-serialization-changed',
  match: (delta) => ({ message: `${delta.path}: serialisation ${String(delta.before)} -> ${String(delta.after)}` }),
});
