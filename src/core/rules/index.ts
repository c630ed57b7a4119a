// The rule catalogue: one import line per rule, one entry per line (others append theirs the same way).
import type { Rule } from '../model.js';
import responseArrayItemsTypeChanged from './response-array-items-type-changed.js';
import responseContentTypeChanged from './response-content-type-changed.js';
import responseEnumValueAdded from './response-enum-value-added.js';
import responseFormatChanged from './response-format-changed.js';
import responsePropertyAdded from './response-property-added.js';
import responsePropertyBecameNullable from './response-property-became-nullable.js';
import responsePropertyBecameOptional from './response-property-became-optional.js';
import responsePropertyRemoved from './response-property-removed.js';
import responsePropertyTypeChanged from './response-property-type-changed.js';
import responseStatusChanged from './response-status-changed.js';
import pactExpectationViolated from './pact-expectation-violated.js';
import pactPinMissing from './pact-pin-missing.js';
import pactPinTypeMismatch from './pact-pin-type-mismatch.js';
import pactSpecMismatch from './pact-spec-mismatch.js';

export const catalogue: readonly Rule[] = [
  responseArrayItemsTypeChanged,
  responseContentTypeChanged,
  responseEnumValueAdded,
  responseFormatChanged,
  responsePropertyAdded,
  responsePropertyBecameNullable,
  responsePropertyBecameOptional,
  responsePropertyRemoved,
  responsePropertyTypeChanged,
  responseStatusChanged,
  pactExpectationViolated,
  pactPinMissing,
  pactPinTypeMismatch,
  pactSpecMismatch,
];
