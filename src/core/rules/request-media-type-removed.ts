// Rule request-media-type-removed: a media type the request body accepted was removed.
import { defineRule } from '../define-rule.js';
import { describeValues } from '../describe.js';

/**
 * The connector posts `application/json`; the operation now takes only form data. Every request is answered 415
 * Unsupported Media Type.
 */
export default defineRule({
  id: 'request-media-type-removed',
  severity: 'breaking',
  summary: "a media type the request body accepted was removed",
  on: 'request-media-type-removed',
  match: (delta) => ({ message: `${delta.path} is no longer accepted (now: ${describeValues(delta.after ?? [])})` }),
});
