// driftwatch as a library: define connectors and rules, run scans, diff specs; the CLI is built on the same calls.
export type * from './core/model.js';
export type { ConnectorInput, EndpointInput } from './config/define-connector.js';
export { defineConnector } from './config/define-connector.js';
export { loadConnectors } from './config/load-connectors.js';
export { ConfigError } from './config/errors.js';
export { defineRule, classify, fingerprintOf, summarize } from './core/classify.js';
export { catalogue } from './core/rules/index.js';
export { inferShape } from './core/infer.js';
export { diffShapes, diffSnapshot } from './core/diff.js';
export { buildSnapshot } from './core/snapshot.js';
export { redactValue, redactHeaders, redactText } from './core/redact.js';
export { sampleConnector } from './sampler/sample-connector.js';
export { sampleEndpoint, type SamplerOptions } from './sampler/sample-endpoint.js';
export { scan, type ScanOptions, type ScanResult } from './app/scan.js';
export { accept, type AcceptOptions, type AcceptResult } from './app/accept.js';
export { openStore } from './store/open-store.js';
export type { HistoryStore, DriftRecord, DriftEvent, DriftStatus } from './store/history-store.js';
