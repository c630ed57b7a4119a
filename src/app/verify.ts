// The verify use case, the CI gate: each connector's pacts vs its spec, vs its replayed (or live) behaviour, vs its snapshots.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { classify, summarize } from '../core/classify.js';
import type { Change, ConfigProblem, Connector, Delta, HttpMethod, JsonValue, ScanError, SeverityCounts, Snapshot } from '../core/model.js';
import { isSecretName, redactText, redactValue } from '../core/redact.js';
import { formatProblem } from '../config/format-problem.js';
import { loadConnectors } from '../config/load-connectors.js';
import { comparePinsWithSnapshot } from '../pact/compare-snapshot.js';
import { comparePactsWithSpec, readSpec, specTemplates, type SpecDocument } from '../pact/compare-spec.js';
import { loadPacts, pactsFor, type PactFile, type PactInteraction } from '../pact/pact-file.js';
import { startReplayServer, type ReplayRoute } from '../pact/replay-server.js';
import { runVerifier, type VerifierMismatch, type VerifierRun } from '../pact/run-verifier.js';
import { endpointFor } from '../pact/usage.js';
import { resolveAuth } from '../sampler/auth.js';
import { applyIgnores } from './checks/ignore-decorator.js';
import { readSnapshot } from './snapshot-files.js';

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
  changes: Change[];
  /** Steps that could not check this interaction, and why (no snapshot to replay, unsafe method not sent live). */
  skipped: string[];
  status: InteractionStatus;
}

export interface VerifyConnectorReport {
  connector: Connector;
  pacts: string[];
  interactions: InteractionResult[];
  errors: ScanError[];
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
  changes: Change[];
  /** Bad input: broken connector files, pact files, specs. */
  problems: ConfigProblem[];
  /** Things that stopped part of a check (the verifier could not run, a snapshot is unreadable). */
  errors: ScanError[];
}

const SAFE_METHODS: ReadonlySet<HttpMethod> = new Set(['GET', 'HEAD', 'OPTIONS']);
const DEFAULT_TIMEOUT_MS = 30_000;

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
  const changes = reports.flatMap((r) => r.interactions.flatMap((i) => i.changes));
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
  const errors: ScanError[] = [];
  const deltas = new Map<PactInteraction, Delta[]>();
  const skipped = new Map<PactInteraction, string[]>();
  const add = (interaction: PactInteraction, delta: Delta): void => {
    const list = deltas.get(interaction) ?? [];
    list.push(delta);
    deltas.set(interaction, list);
  };
  const skip = (interaction: PactInteraction, why: string): void => {
    const list = skipped.get(interaction) ?? [];
    list.push(why);
    skipped.set(interaction, list);
  };

  // Step 1: pact vs spec.
  let spec: SpecDocument | undefined;
  if (connector.spec !== undefined) {
    const read = await readSpec(connector.spec, connector.dir);
    if (read.problem) problems.push(read.problem);
    spec = read.document;
  }
  if (spec) {
    try {
      for (const finding of await comparePactsWithSpec(spec, pacts)) add(finding.interaction, finding.delta);
    } catch (error) {
      // The comparator throws on documents it cannot compile (a dangling $ref): bad input, not a crash.
      problems.push({ file: connector.spec ?? connector.file, message: `cannot compare pacts with this spec: ${(error as Error).message}` });
    }
  } else {
    for (const pact of pacts) for (const i of pact.interactions) skip(i, 'spec: the connector names no `spec:` to check against');
  }
  const templates = specTemplates(spec);

  // Snapshots of every endpoint some interaction maps to.
  const snapshots = new Map<string, Snapshot>();
  for (const endpoint of connector.endpoints) {
    const read = await readSnapshot(options.root, connector.name, endpoint.id);
    if (read.kind === 'found') snapshots.set(endpoint.id, read.snapshot);
    else if (read.kind === 'invalid') problems.push(read.problem);
  }

  // Step 3 (cheap, so before the verifier): pinned fields vs the accepted snapshot.
  for (const pact of pacts) {
    for (const interaction of pact.interactions) {
      const endpoint = endpointFor(connector.endpoints, interaction.method, interaction.path, templates);
      const snapshot = endpoint ? snapshots.get(endpoint.id) : undefined;
      if (!endpoint) skip(interaction, `snapshot: no endpoint of ${connector.name} answers ${interaction.method} ${interaction.path}`);
      else if (!snapshot) skip(interaction, `snapshot: no accepted snapshot of ${endpoint.id} yet (driftwatch accept)`);
      else if (interaction.status >= 300) skip(interaction, `snapshot: expects a ${interaction.status}; snapshots hold the success answer`);
      else for (const delta of comparePinsWithSnapshot(interaction, snapshot.schema)) add(interaction, delta);
    }
  }

  // Step 2: the real Pact verifier, against the replay server or the vendor.
  for (const pact of pacts) {
    await verifyPact(connector, pact, { snapshots, templates, options, add, skip, errors });
  }

  const interactions: InteractionResult[] = [];
  for (const pact of pacts) {
    for (const interaction of pact.interactions) {
      const endpoint = endpointFor(connector.endpoints, interaction.method, interaction.path, templates);
      const endpointId = endpoint?.id ?? `${interaction.method} ${interaction.path}`;
      let changes: Change[] = classify(deltas.get(interaction) ?? [], {
        connector: connector.name,
        endpoint: endpointId,
        source: 'pact',
        severity: connector.severity,
      }).map((c) => ({ ...c, pinned: true }));
      changes = applyIgnores(changes, connector.ignore, options.now());
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
  return { connector, pacts: pacts.map((p) => p.file), interactions, errors };
}

interface PactStepContext {
  snapshots: Map<string, Snapshot>;
  templates: string[];
  options: VerifyOptions;
  add: (interaction: PactInteraction, delta: Delta) => void;
  skip: (interaction: PactInteraction, why: string) => void;
  errors: ScanError[];
}

async function verifyPact(connector: Connector, pact: PactFile, ctx: PactStepContext): Promise<void> {
  const { options, snapshots, templates } = ctx;
  const live = options.live === true;
  const chosen: PactInteraction[] = [];
  const routes: ReplayRoute[] = [];
  for (const interaction of pact.interactions) {
    if (live) {
      const allowed = SAFE_METHODS.has(interaction.method) || (connector.pact?.liveUnsafe ?? []).includes(interaction.description);
      if (allowed) chosen.push(interaction);
      else ctx.skip(interaction, `verifier: ${interaction.method} is not sent live unless listed in pact.liveUnsafe of ${connector.name}`);
      continue;
    }
    const endpoint = endpointFor(connector.endpoints, interaction.method, interaction.path, templates);
    const snapshot = endpoint ? snapshots.get(endpoint.id) : undefined;
    if (!endpoint || !snapshot) {
      ctx.skip(interaction, 'verifier: nothing accepted to replay for this request');
      continue;
    }
    if (interaction.status !== snapshot.response.status) {
      ctx.skip(interaction, `verifier: expects ${interaction.status}; the replay holds the accepted ${snapshot.response.status} answer`);
      continue;
    }
    chosen.push(interaction);
    if (!routes.some((r) => r.endpoint === endpoint)) routes.push({ endpoint, snapshot });
  }
  if (chosen.length === 0) return;

  let headers: Record<string, string> = {};
  let query: Record<string, string> = {};
  let secrets: string[] = [];
  if (live) {
    const auth = resolveAuth(connector.auth, options.env);
    if (!auth.ok) {
      ctx.errors.push({ connector: connector.name, endpoint: '*', kind: 'auth-missing', message: `verify --live needs ${auth.missing.join(', ')} in the environment` });
      return;
    }
    headers = auth.headers;
    query = auth.query;
    secrets = auth.secrets;
  }

  // The verifier checks every interaction of the file it is given: hand it only those this mode may send.
  const dir = await mkdtemp(join(tmpdir(), 'driftwatch-verify-'));
  const replay = live ? undefined : await startReplayServer(routes, templates);
  try {
    const wanted = new Set(chosen.map((i) => i.raw));
    const rawInteractions = (pact.raw.interactions as unknown[]).filter((i) => wanted.has(i as Record<string, unknown>));
    const file = join(dir, 'pact.json');
    await writeFile(file, JSON.stringify({ ...pact.raw, interactions: rawInteractions }), 'utf8');
    const run: VerifierRun = await runVerifier(
      {
        provider: pact.provider,
        providerBaseUrl: replay?.url ?? connector.baseUrl,
        pactFile: file,
        headers,
        query,
        timeoutMs: options.timeoutMs ?? Math.min(connector.timeoutMs, DEFAULT_TIMEOUT_MS),
      },
      chosen.map((i) => i.description),
    );
    if (!run.ran) {
      ctx.errors.push({ connector: connector.name, endpoint: '*', kind: 'config', message: redactText(run.error ?? 'the Pact verifier could not run', secrets) });
      return;
    }
    for (const verdict of run.interactions) {
      const interaction = chosen.find((i) => i.description === verdict.description);
      if (!interaction) continue;
      for (const m of verdict.mismatches) ctx.add(interaction, mismatchDelta(interaction, m, secrets));
    }
  } finally {
    await replay?.close();
    await rm(dir, { recursive: true, force: true });
  }
}

function mismatchDelta(interaction: PactInteraction, m: VerifierMismatch, secrets: readonly string[]): Delta {
  // The verifier quotes expected/actual inside its message too: what redaction removes from them goes from the message as well.
  const hidden = [...secretLeaves(m.expected), ...secretLeaves(m.actual)];
  const delta: Delta = {
    kind: 'pact-expectation-violated',
    location: 'contract',
    path: m.path,
    detail: { interaction: interaction.description, mismatch: redactText(m.message, [...secrets, ...hidden]), kind: m.kind },
  };
  if (m.expected !== undefined) delta.before = redactMismatchValue(m.expected, secrets);
  if (m.actual !== undefined) delta.after = redactMismatchValue(m.actual, secrets);
  return delta;
}

/** A verifier value (parsed JSON from a live vendor, or a string) with secret fields, known secrets and credentials removed. */
function redactMismatchValue(value: unknown, secrets: readonly string[]): JsonValue {
  return typeof value === 'string' ? redactText(value, secrets) : redactValue(value as JsonValue, secrets);
}

/** The values `redactValue` hides under secret-looking keys: strings as they are, anything else as its JSON text. */
function secretLeaves(value: unknown, out: string[] = []): string[] {
  if (value === null || typeof value !== 'object') return out;
  if (Array.isArray(value)) {
    for (const item of value) secretLeaves(item, out);
    return out;
  }
  for (const [key, child] of Object.entries(value as Record<string, unknown>)) {
    if (child !== null && child !== undefined && isSecretName(key)) {
      out.push(typeof child === 'string' ? child : JSON.stringify(child));
      if (typeof child === 'object') collectStrings(child, out);
    } else {
      secretLeaves(child, out);
    }
  }
  return out;
}

function collectStrings(value: unknown, out: string[]): void {
  if (typeof value === 'string') out.push(value);
  else if (value !== null && typeof value === 'object') for (const child of Object.values(value)) collectStrings(child, out);
}

/** Exit-code facts of a verify run (cli/exit.ts decides). */
export function verifyOutcome(result: VerifyResult): { breaking: number; badInput: number } {
  return { breaking: result.summary.breaking, badInput: result.problems.length };
}

export function formatVerifyProblem(problem: ConfigProblem, root: string): string {
  return formatProblem(problem, root);
}
