// driftwatch as a library: define connectors and rules, run scans, diff specs; the CLI is built on the same calls.
// The package's only entry point (package.json `exports`): everything the docs call library API is exported here.
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
export { acceptSpec, type AcceptSpecOptions } from './openapi/spec-drift.js';
export { verify, type VerifyOptions, type VerifyResult } from './app/verify.js';
export { notifyRun, type NotifiableRun, type NotifyRunOptions, type NotifyReport } from './app/notify-run.js';
export { initProject, type InitOptions, type InitResult } from './app/init.js';
export { openStore } from './store/open-store.js';
export type { HistoryStore, DriftRecord, DriftEvent, DriftStatus } from './store/history-store.js';
export { diffSpecs, type DiffSpecsOptions, type SpecDiffResult } from './openapi/diff-specs.js';
export { startWatch } from './schedule/daemon.js';
