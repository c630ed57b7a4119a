// The rule catalogue: one import line per rule, one entry per line (others append theirs the same way).
import type { AnyRule } from '../rule.js';
import eventTypeAdded from './event-type-added.js';
import webhookSignatureRejected from './webhook-signature-rejected.js';
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
import pactSpecMismatch from './pact-spec-mismatch.js';
import authRejected from './auth-rejected.js';
import credentialExpiring from './credential-expiring.js';
import credentialShared from './credential-shared.js';
import ownerInactive from './owner-inactive.js';
import ownerMissing from './owner-missing.js';
import ownershipReviewOverdue from './ownership-review-overdue.js';
import runbookMissing from './runbook-missing.js';
import slackChannelMissing from './slack-channel-missing.js';
import tlsCertificateExpiring from './tls-certificate-expiring.js';
import specOperationMissing from './spec-operation-missing.js';
import specResponseBodyMismatch from './spec-response-body-mismatch.js';
import responseSuccessStatusRemoved from './response-success-status-removed.js';
import responseMediaTypeRemoved from './response-media-type-removed.js';
import responsePropertyOneOfAdded from './response-property-one-of-added.js';
import responsePropertyAnyOfAdded from './response-property-any-of-added.js';
import responseSchemaWidened from './response-schema-widened.js';
import newRequiredRequestParameter from './new-required-request-parameter.js';
import requestParameterBecameRequired from './request-parameter-became-required.js';
import requestParameterRemoved from './request-parameter-removed.js';
import requestParameterEnumValueRemoved from './request-parameter-enum-value-removed.js';
import requestParameterTypeChanged from './request-parameter-type-changed.js';
import requestParameterMaxLengthDecreased from './request-parameter-max-length-decreased.js';
import requestParameterPatternAdded from './request-parameter-pattern-added.js';
import newRequiredRequestProperty from './new-required-request-property.js';
import requestPropertyBecameRequired from './request-property-became-required.js';
import requestPropertyRemoved from './request-property-removed.js';
import requestPropertyEnumValueRemoved from './request-property-enum-value-removed.js';
import requestPropertyTypeChanged from './request-property-type-changed.js';
import requestPropertyMaxLengthDecreased from './request-property-max-length-decreased.js';
import requestPropertyPatternAdded from './request-property-pattern-added.js';
import requestBodyBecameRequired from './request-body-became-required.js';
import apiPathRemoved from './api-path-removed.js';
import apiOperationRemoved from './api-operation-removed.js';
import apiSecurityAdded from './api-security-added.js';
import apiSecurityRemoved from './api-security-removed.js';
import apiSecurityScopeAdded from './api-security-scope-added.js';
import apiSecuritySchemeChanged from './api-security-scheme-changed.js';
import specServerUrlChanged from './spec-server-url-changed.js';
import refreshTokenRotated from './refresh-token-rotated.js';
import deprecationAnnounced from './deprecation-announced.js';
import sunsetAnnounced from './sunset-announced.js';
import graphqlFieldRemoved from './graphql-field-removed.js';
import graphqlFieldTypeChanged from './graphql-field-type-changed.js';
import graphqlInputChanged from './graphql-input-changed.js';
import graphqlEnumValueAdded from './graphql-enum-value-added.js';
import graphqlFieldDeprecated from './graphql-field-deprecated.js';
import graphqlSchemaChanged from './graphql-schema-changed.js';
import requestConstraintTightened from './request-constraint-tightened.js';
import requestConstraintLoosened from './request-constraint-loosened.js';
import responseConstraintLoosened from './response-constraint-loosened.js';
import responseConstraintTightened from './response-constraint-tightened.js';
import requestDefaultChanged from './request-default-changed.js';
import responseDefaultChanged from './response-default-changed.js';
import requestDiscriminatorChanged from './request-discriminator-changed.js';
import responseDiscriminatorChanged from './response-discriminator-changed.js';
import responseOptionalPropertyRemoved from './response-optional-property-removed.js';
import responsePropertyBecameRequired from './response-property-became-required.js';
import responsePropertyBecameWriteOnly from './response-property-became-write-only.js';
import responsePropertyDeprecated from './response-property-deprecated.js';
import newOptionalRequestProperty from './new-optional-request-property.js';
import requestPropertyBecameOptional from './request-property-became-optional.js';
import requestPropertyBecameReadOnly from './request-property-became-read-only.js';
import requestPropertyDeprecated from './request-property-deprecated.js';
import newOptionalRequestParameter from './new-optional-request-parameter.js';
import requestParameterBecameOptional from './request-parameter-became-optional.js';
import requestParameterMoved from './request-parameter-moved.js';
import requestParameterSerializationChanged from './request-parameter-serialization-changed.js';
import requestParameterDeprecated from './request-parameter-deprecated.js';
import requestBodyAdded from './request-body-added.js';
import requestBodyRemoved from './request-body-removed.js';
import requestMediaTypeAdded from './request-media-type-added.js';
import requestMediaTypeRemoved from './request-media-type-removed.js';
import responseMediaTypeAdded from './response-media-type-added.js';
import responseStatusAdded from './response-status-added.js';
import responseNonSuccessStatusRemoved from './response-non-success-status-removed.js';
import responseHeaderRemoved from './response-header-removed.js';
import responseHeaderAdded from './response-header-added.js';
import responseHeaderBecameOptional from './response-header-became-optional.js';
import apiOperationAdded from './api-operation-added.js';
import apiOperationDeprecated from './api-operation-deprecated.js';
import apiOperationReinstated from './api-operation-reinstated.js';
import apiOperationIdChanged from './api-operation-id-changed.js';
import apiSecurityScopeRemoved from './api-security-scope-removed.js';
import apiWebhookAdded from './api-webhook-added.js';
import apiWebhookRemoved from './api-webhook-removed.js';
import requestSchemaChanged from './request-schema-changed.js';
import responseSchemaChanged from './response-schema-changed.js';
import requestBodyBecameOptional from './request-body-became-optional.js';
import endpointOutage from './endpoint-outage.js';

export const catalogue: readonly AnyRule[] = [
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
  pactSpecMismatch,
  authRejected,
  credentialExpiring,
  credentialShared,
  ownerInactive,
  ownerMissing,
  ownershipReviewOverdue,
  runbookMissing,
  slackChannelMissing,
  tlsCertificateExpiring,
  specOperationMissing,
  specResponseBodyMismatch,
  responseSuccessStatusRemoved,
  responseMediaTypeRemoved,
  responsePropertyOneOfAdded,
  responsePropertyAnyOfAdded,
  responseSchemaWidened,
  newRequiredRequestParameter,
  requestParameterBecameRequired,
  requestParameterRemoved,
  requestParameterEnumValueRemoved,
  requestParameterTypeChanged,
  requestParameterMaxLengthDecreased,
  requestParameterPatternAdded,
  newRequiredRequestProperty,
  requestPropertyBecameRequired,
  requestPropertyRemoved,
  requestPropertyEnumValueRemoved,
  requestPropertyTypeChanged,
  requestPropertyMaxLengthDecreased,
  requestPropertyPatternAdded,
  requestBodyBecameRequired,
  apiPathRemoved,
  apiOperationRemoved,
  apiSecurityAdded,
  apiSecurityRemoved,
  apiSecurityScopeAdded,
  apiSecuritySchemeChanged,
  specServerUrlChanged,
  refreshTokenRotated,
  deprecationAnnounced,
  sunsetAnnounced,
  graphqlFieldRemoved,
  graphqlFieldTypeChanged,
  graphqlInputChanged,
  graphqlEnumValueAdded,
  graphqlFieldDeprecated,
  graphqlSchemaChanged,
  requestConstraintTightened,
  requestConstraintLoosened,
  responseConstraintLoosened,
  responseConstraintTightened,
  requestDefaultChanged,
  responseDefaultChanged,
  requestDiscriminatorChanged,
  responseDiscriminatorChanged,
  responseOptionalPropertyRemoved,
  responsePropertyBecameRequired,
  responsePropertyBecameWriteOnly,
  responsePropertyDeprecated,
  newOptionalRequestProperty,
  requestPropertyBecameOptional,
  requestPropertyBecameReadOnly,
  requestPropertyDeprecated,
  newOptionalRequestParameter,
  requestParameterBecameOptional,
  requestParameterMoved,
  requestParameterSerializationChanged,
  requestParameterDeprecated,
  requestBodyAdded,
  requestBodyRemoved,
  requestMediaTypeAdded,
  requestMediaTypeRemoved,
  responseMediaTypeAdded,
  responseStatusAdded,
  responseNonSuccessStatusRemoved,
  responseHeaderRemoved,
  responseHeaderAdded,
  responseHeaderBecameOptional,
  apiOperationAdded,
  apiOperationDeprecated,
  apiOperationReinstated,
  apiOperationIdChanged,
  apiSecurityScopeRemoved,
  apiWebhookAdded,
  apiWebhookRemoved,
  requestSchemaChanged,
  responseSchemaChanged,
  requestBodyBecameOptional,
  endpointOutage,
  eventTypeAdded,
  webhookSignatureRejected,
];
