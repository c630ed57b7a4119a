// The verify use case, the CI gate: each connector's pacts vs its spec, vs its replayed (or live) behaviour, vs its snapshots.
import { join } from 'node:path';
import { classify, summarize, type Observation } from '../core/classify.js';
import type { ConfigProblem, Connector, ScanError, Snapshot } from '../core/model.js';
import type { InteractionResult, InteractionStatus, VerifyConnectorReport, VerifyResult, VerifySummary } from '../report/model/verify.js';
import { loadConnectors } from '../config/load-connectors.js';
import { readSpec, specTemplates, type SpecDocument } from '../pact/compare-spec.js';
import { loadPacts, pactsFor, type PactFile, type PactInteraction } from '../pact/pact-file.js';
import { endpointFor } from '../pact/usage.js';
import { readSnapshot } from './snapshot-files.js';
import { checkMessages } from './verify-messages.js';
import type { LearnedBaseline } from '../store/tables.js';
import type { VerifyInput } from './verify-checks/check.js';
import { verifyChecks } from './verify-checks/index.js';

export interface VerifyOptions {
  root: string;
  connector?: string;
  /** Verify against the vendor itself (its baseUrl) instead of the replayed snapshots. */
  live?: boolean;
  env: Readonly<Record<string, string | undefined>>;
  now: () => Date;
  /** The learned baselines of a connector (the history store, when there is one): message pacts are held to its deliveries. */
  deliveries?: (connector: string) => Promise<readonly LearnedBaseline[]>;
  /** Per-request timeout handed to the Pact verifier. */
  timeoutMs?: number;
  log?: (line: string) => void;
}

export type { InteractionResult, InteractionStatus, VerifyConnectorReport, VerifyResult, VerifySummary };

export async function verify(options: VerifyOptions): Promise<VerifyResult> {
  const { root } = options;
  const log = options.log ?? (() => {});
  const startedAt = options.now().toISOString();
  const loaded = await loadConnectors(root, options.connector !== undefined ? { only: options.connector } : undefined);
  const pactLoad = await loadPacts(root);
  const problems: ConfigProblem[] = [...loaded.problems, ...pactLoad.problems];
  const connectors = loaded.connectors.filter((c) => pactsFor(pactLoad.pacts, c.name).length > 0);
  if (connectors.length === 0 && loaded.problems.length === 0) {
    const which = options.connector !== undefined ? `for connector "${options.connector}"` : 'for any connector';
    problems.push({
      file: join(root, 'contracts', 'pacts'),
      message: `no pact files ${which}: run your contract tests first (npm run contracts, the script driftwatch init adds); a pact belongs to the connector named by its provider`,
    });
  }

  const reports: VerifyConnectorReport[] = [];
  for (const connector of connectors) {
    const pacts = pactsFor(pactLoad.pacts, connector.name);
    const count = pacts.reduce((n, p) => n + p.interactions.length + p.messages.length + p.unsupported.length, 0);
    log(`verifying ${connector.name}: ${count} interaction${count === 1 ? '' : 's'} in ${pacts.length} pact file${pacts.length === 1 ? '' : 's'}`);
    const report = await verifyConnector(connector, pacts, options, problems);
    reports.push(report);
  }
  const changes = reports.flatMap((r) => r.findings);
  const errors = reports.flatMap((r) => r.errors);
  const interactions = reports.flatMap((r) => r.interactions);
  return {
    mode: options.live ? 'live' : 'replay',
    startedAt,
    finishedAt: options.now().toISOString(),
    summary: {
      ...summarize(changes),
      interactions: interactions.length,
      failed: interactions.filter((i) => i.status === 'failed').length,
      ...(interactions.some((i) => i.status === 'unchecked') ? { unchecked: interactions.filter((i) => i.status === 'unchecked').length } : {}),
      suppressed: changes.filter((c) => c.suppressed !== undefined).length,
      errors: errors.length,
    },
    connectors: reports,
    changes,
    problems,
    errors,
  };
}

async function verifyConnector(
  connector: Connector,
  pacts: PactFile[],
  options: VerifyOptions,
  problems: ConfigProblem[],
): Promise<VerifyConnectorReport> {
  const started = options.now().getTime();
  const log = options.log ?? (() => {});
  let spec: SpecDocument | undefined;
  if (connector.spec !== undefined) {
    // A vendor spec can be megabytes: seconds to read, so say so.
    log(`${connector.name}: reading ${connector.spec}`);
    const read = await readSpec(connector.spec, connector.dir);
    if (read.problem) problems.push(read.problem);
    spec = read.document;
  }
  const snapshots = new Map<string, Snapshot>();
  for (const endpoint of connector.endpoints) {
    const read = await readSnapshot(options.root, connector.name, endpoint.id);
    if (read.kind === 'found') snapshots.set(endpoint.id, read.snapshot);
    else if (read.kind === 'invalid') problems.push(read.problem);
  }
  const input: VerifyInput = { connector, pacts, templates: specTemplates(spec), snapshots, options, ...(spec ? { spec } : {}) };

  const errors: ScanError[] = [];
  const observations: Observation[] = [];
  const skipped = new Map<PactInteraction, string[]>();
  const count = pacts.reduce((n, p) => n + p.interactions.length, 0);
  for (const check of verifyChecks) {
    log(`${connector.name}: ${stepLine(check.name, count, options.live === true)}`);
    const out = await check.run(input);
    observations.push(...out.observations.map((o) => o.observation));
    for (const { interaction, why } of out.skipped) skipped.set(interaction, [...(skipped.get(interaction) ?? []), why]);
    errors.push(...out.errors);
    problems.push(...out.problems);
  }
  const hasMessages = pacts.some((p) => p.messages.length > 0);
  const messages = await checkMessages(options.root, connector, pacts, hasMessages && options.deliveries ? await options.deliveries(connector.name) : []);
  observations.push(...messages.observations);
  // One judgement for the whole connector: a change two interactions saw is one finding listed under both.
  const findings = classify(observations, {
    connector: connector.name,
    severity: connector.severity,
    ignore: connector.ignore,
    today: options.now().toISOString().slice(0, 10),
  });

  const interactions: InteractionResult[] = [];
  for (const pact of pacts) {
    for (const interaction of pact.interactions) {
      const endpoint = endpointFor(connector.endpoints, interaction.method, interaction.path, input.templates);
      const changes = findings.filter((f) => f.evidence.some((e) => e.source === 'pact' && e.where === interaction.description));
      const live = changes.filter((c) => c.suppressed === undefined);
      const status: InteractionStatus = live.some((c) => c.severity === 'breaking') ? 'failed' : live.some((c) => c.severity === 'warning') ? 'warning' : 'passed';
      const result: InteractionResult = {
        connector: connector.name,
        consumer: pact.consumer,
        provider: pact.provider,
        pactFile: pact.file,
        description: interaction.description,
        method: interaction.method,
        path: interaction.path,
        changes,
        skipped: skipped.get(interaction) ?? [],
        status,
      };
      if (endpoint) result.endpoint = endpoint.id;
      interactions.push(result);
    }
  }
  for (const verdict of messages.verdicts) {
    const changes = verdict.why === undefined ? findings.filter((f) => f.evidence.some((e) => e.source === 'pact' && e.where === verdict.description)) : [];
    const live = changes.filter((c) => c.suppressed === undefined);
    const status: InteractionStatus =
      verdict.why !== undefined ? 'unchecked' : live.some((c) => c.severity === 'breaking') ? 'failed' : live.some((c) => c.severity === 'warning') ? 'warning' : 'passed';
    // A message arrives as a webhook delivery: shown as the POST the vendor makes.
    const result: InteractionResult = {
      connector: connector.name,
      consumer: verdict.pact.consumer,
      provider: verdict.pact.provider,
      pactFile: verdict.pact.file,
      description: verdict.description,
      method: 'POST',
      path: `/hooks/${connector.name}`,
      changes,
      skipped: verdict.why === undefined ? [] : [`message: ${verdict.why}`],
      status,
    };
    if (verdict.place !== undefined) result.endpoint = verdict.place;
    interactions.push(result);
  }
  return { connector, pacts: pacts.map((p) => p.file), interactions, errors, findings, durationMs: options.now().getTime() - started };
}

/** The progress line of one verify step over a connector's interactions. */
function stepLine(check: string, interactions: number, live: boolean): string {
  const n = `${interactions} interaction${interactions === 1 ? '' : 's'}`;
  if (check === 'spec') return `${n} against the vendor's spec`;
  if (check === 'snapshot') return `${n} against the accepted snapshots`;
  if (check === 'verifier') return live ? `${n} through the Pact verifier, live against the vendor` : `${n} replayed through the Pact verifier`;
  return `${check} check of ${n}`;
}
