// Verify step: the real Pact verifier replays each interaction against the accepted snapshots (a local replay server)
// or, with --live, against the vendor; its mismatches are stated in the kinds the live checks use where they can be.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Observation } from '../../core/classify.js';
import type { Connector, Delta, HttpMethod, JsonType, JsonValue } from '../../core/model.js';
import { isSecretName, redactText, redactValue } from '../../core/redact.js';
import type { PactFile, PactInteraction } from '../../pact/pact-file.js';
import { startReplayServer, type ReplayRoute } from '../../pact/replay-server.js';
import { runVerifier, type VerifierMismatch, type VerifierRun } from '../../pact/run-verifier.js';
import { endpointFor } from '../../pact/usage.js';
import { openLiveAuth, type LiveAuth } from '../../sampler/live-auth.js';
import { emptyVerifyOutput, type VerifyCheck, type VerifyCheckOutput, type VerifyInput } from './check.js';

const SAFE_METHODS: ReadonlySet<HttpMethod> = new Set(['GET', 'HEAD', 'OPTIONS']);
const DEFAULT_TIMEOUT_MS = 30_000;

export const verifierCheck: VerifyCheck = {
  name: 'verifier',
  async run(input) {
    const out = emptyVerifyOutput();
    for (const pact of input.pacts) await verifyPact(input.connector, pact, input, out);
    return out;
  },
};

async function verifyPact(connector: Connector, pact: PactFile, input: VerifyInput, out: VerifyCheckOutput): Promise<void> {
  const { options, snapshots, templates } = input;
  const skip = (interaction: PactInteraction, why: string): void => {
    out.skipped.push({ interaction, why });
  };
  const live = options.live === true;
  const chosen: PactInteraction[] = [];
  const routes: ReplayRoute[] = [];
  for (const interaction of pact.interactions) {
    if (live) {
      const allowed = SAFE_METHODS.has(interaction.method) || (connector.pact?.liveUnsafe ?? []).includes(interaction.description);
      if (allowed) chosen.push(interaction);
      else skip(interaction, `verifier: ${interaction.method} is not sent live unless listed in pact.liveUnsafe of ${connector.name}`);
      continue;
    }
    const endpoint = endpointFor(connector.endpoints, interaction.method, interaction.path, templates);
    const snapshot = endpoint ? snapshots.get(endpoint.id) : undefined;
    if (!endpoint || !snapshot) {
      skip(interaction, 'verifier: nothing accepted to replay for this request');
      continue;
    }
    if (interaction.status !== snapshot.response.status) {
      skip(interaction, `verifier: expects ${interaction.status}; the replay holds the accepted ${snapshot.response.status} answer`);
      continue;
    }
    chosen.push(interaction);
    if (!routes.some((r) => r.endpoint === endpoint)) routes.push({ endpoint, snapshot });
  }
  if (chosen.length === 0) return;

  // Live runs authenticate like sampling: static keys, an OAuth2 token, or the client certificate (through a proxy).
  let auth: LiveAuth | undefined;
  if (live) {
    const opened = await openLiveAuth(connector, { env: options.env, now: options.now });
    if (!opened.ok) {
      out.errors.push({ connector: connector.name, endpoint: '*', kind: opened.kind, message: `verify --live: ${opened.message}` });
      return;
    }
    auth = opened.auth;
  }
  const secrets = auth?.secrets ?? [];

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
        providerBaseUrl: replay?.url ?? auth?.baseUrl ?? connector.baseUrl,
        pactFile: file,
        headers: auth?.headers ?? {},
        query: auth?.query ?? {},
        timeoutMs: options.timeoutMs ?? Math.min(connector.timeoutMs, DEFAULT_TIMEOUT_MS),
      },
      chosen.map((i) => i.description),
    );
    if (!run.ran) {
      out.errors.push({ connector: connector.name, endpoint: '*', kind: 'config', message: redactText(run.error ?? 'the Pact verifier could not run', secrets) });
      return;
    }
    const unreached = auth?.unreached() ?? [];
    for (const verdict of run.interactions) {
      const interaction = chosen.find((i) => i.description === verdict.description);
      if (!interaction) continue;
      // A request the vendor never received has no verdict about the vendor: an error, not contract drift.
      const lost = unreached.find((u) => u.method === interaction.method && u.path === interaction.path);
      if (lost) {
        skip(interaction, `verifier: the vendor was not reached: ${lost.message}`);
        continue;
      }
      const endpoint = endpointFor(connector.endpoints, interaction.method, interaction.path, templates)?.id ?? `${interaction.method} ${interaction.path}`;
      for (const m of verdict.mismatches) {
        const observation: Observation = { source: 'pact', endpoint, delta: mismatchDelta(interaction, m, secrets) };
        out.observations.push({ interaction, observation });
      }
    }
    const lost = auth?.unreached()[0];
    if (lost) out.errors.push({ connector: connector.name, endpoint: '*', kind: 'connection', message: `verify --live: ${lost.method} ${lost.path}: ${lost.message}` });
  } finally {
    await auth?.close();
    await replay?.close();
    await rm(dir, { recursive: true, force: true });
  }
}

/**
 * One verifier mismatch as a delta: a missing field or a value of another type is the change the live checks name
 * the same way (so one vendor change stays one finding); anything else is the verifier's own words.
 */
function mismatchDelta(interaction: PactInteraction, m: VerifierMismatch, secrets: readonly string[]): Delta {
  const stated = { location: 'response' as const, path: m.path, by: 'pact' as const, where: interaction.description };
  if (m.kind === 'body' && m.actual === 'missing' && m.expected === 'present') return { ...stated, kind: 'property-removed', before: [] };
  if (m.kind === 'body' && m.expected !== undefined && m.actual !== undefined) {
    const expected = jsonTypeOf(m.expected);
    const actual = jsonTypeOf(m.actual);
    if (expected !== actual && !(expected === 'integer' && actual === 'number') && !(expected === 'number' && actual === 'integer')) {
      if (actual === 'null') return { ...stated, kind: 'became-nullable', before: [expected], after: [expected, 'null'] };
      return { ...stated, kind: 'type-changed', before: [expected], after: [actual] };
    }
  }
  // The verifier quotes expected/actual inside its message too: what redaction removes from them goes from the message as well.
  const hidden = [...secretLeaves(m.expected), ...secretLeaves(m.actual)];
  const delta: Delta = {
    kind: 'pact-expectation-violated',
    location: 'contract',
    path: m.path,
    where: interaction.description,
    mismatch: redactText(m.message, [...secrets, ...hidden]),
  };
  if (m.expected !== undefined) delta.expected = redactMismatchValue(m.expected, secrets);
  if (m.actual !== undefined) delta.actual = redactMismatchValue(m.actual, secrets);
  return delta;
}

function jsonTypeOf(value: unknown): JsonType {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value as JsonType;
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

