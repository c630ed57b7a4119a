// The verify use case, the CI gate: each connector's pacts vs its spec, vs its replayed (or live) behaviour, vs its snapshots.
import { join } from 'node:path';
import { classify, summarize, type Observation } from '../core/classify.js';
import type { ConfigProblem, Connector, Finding, HttpMethod, ScanError, SeverityCounts, Snapshot } from '../core/model.js';
import { formatProblem } from '../config/format-problem.js';
import { loadConnectors } from '../config/load-connectors.js';
import { readSpec, specTemplates, type SpecDocument } from '../pact/compare-spec.js';
import { loadPacts, pactsFor, type PactFile, type PactInteraction } from '../pact/pact-file.js';
import { endpointFor } from '../pact/usage.js';
import { readSnapshot } from './snapshot-files.js';
import type { VerifyInput } from './verify-checks/check.js';
import { verifyChecks } from './verify-checks/index.js';

export interface VerifyOptions {
  root: string;
  connector?: string;
  /** Verify against the vendor itself (its baseUrl) instead of the replayed snapshots. */
  live?: boolean;
  env: Readonly<Record<string, string | undefined>>;
  now: () => Date;
  /** Per-request timeout handed to the Pact verifier. */
  timeoutMs?: number;
  log?: (line: string) => void;
}

export type InteractionStatus = 'passed' | 'failed' | 'warning';

/** One pact interaction and everything verify learnt about it: the unit of a JUnit test case. */
export interface InteractionResult {
  connector: string;
  consumer: string;
  provider: string;
  pactFile: string;
  description: string;
  method: HttpMethod;
  path: string;
  /** The connector endpoint that answers it, when one does. */
  endpoint?: string;
  changes: Finding[];
  /** Steps that could not check this interaction, and why (no snapshot to replay, unsafe method not sent live). */
  skipped: string[];
  status: InteractionStatus;
}

export interface VerifyConnectorReport {
  connector: Connector;
  pacts: string[];
  interactions: InteractionResult[];
  errors: ScanError[];
  /** Every finding of the connector once (an interaction lists the ones its evidence names). */
  findings: Finding[];
}

export interface VerifySummary extends SeverityCounts {
  interactions: number;
  failed: number;
  suppressed: number;
  errors: number;
}

export interface VerifyResult {
  mode: 'replay' | 'live';
  startedAt: string;
  summary: VerifySummary;
  connectors: VerifyConnectorReport[];
  changes: Finding[];
  /** Bad input: broken connector files, pact files, specs. */
  problems: ConfigProblem[];
  /** Things that stopped part of a check (the verifier could not run, a snapshot is unreadable). */
  errors: ScanError[];
}


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
    log(`verifying ${connector.name}`);
    const report = await verifyConnector(connector, pactsFor(pactLoad.pacts, connector.name), options, problems);
    reports.push(report);
  }
  const changes = reports.flatMap((r) => r.findings);
  const errors = reports.flatMap((r) => r.errors);
  const interactions = reports.flatMap((r) => r.interactions);
  return {
    mode: options.live ? 'live' : 'replay',
    startedAt,
    summary: {
      ...summarize(changes),
      interactions: interactions.length,
      failed: interactions.filter((i) => i.status === 'failed').length,
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
  let spec: SpecDocument | undefined;
  if (connector.spec !== undefined) {
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
  for (const check of verifyChecks) {
    const out = await check.run(input);
    observations.push(...out.observations.map((o) => o.observation));
    for (const { interaction, why } of out.skipped) skipped.set(interaction, [...(skipped.get(interaction) ?? []), why]);
    errors.push(...out.errors);
    problems.push(...out.problems);
  }
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
  return { connector, pacts: pacts.map((p) => p.file), interactions, errors, findings };
}

/** Exit-code facts of a verify run (cli/exit.ts decides). */
export function verifyOutcome(result: VerifyResult): { breaking: number; badInput: number } {
  return { breaking: result.summary.breaking, badInput: result.problems.length };
}

export function formatVerifyProblem(problem: ConfigProblem, root: string): string {
  return formatProblem(problem, root);
}
