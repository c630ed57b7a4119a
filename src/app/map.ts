// The integration map use case: one row per connector with its five honest columns, drift exposure and last scan.
import { credentialExpiryDeltas, sharedCredentialDeltas } from '../auth-drift/credentials.js';
import { loadConnectors } from '../config/load-connectors.js';
import { classify } from '../core/classify.js';
import type { AuthConfig, Connector, Severity } from '../core/model.js';
import { evaluateOwnership, isPlaceholderName, policyFor, resolveOwnership } from '../core/ownership.js';
import { loadOwners } from '../owners/load-owners.js';
import type { IntegrationMap, MapFinding, MapRow } from '../report/model/map.js';
import type { FindingStore } from '../store/ports/findings.js';
import type { SampleStore } from '../store/ports/samples.js';
import type { DriftRecord } from '../store/tables.js';

export type { IntegrationMap, MapFinding, MapRow };

export interface MapOptions {
  root: string;
  store?: SampleStore & FindingStore;
  env: Readonly<Record<string, string | undefined>>;
  now: Date;
}

export async function buildIntegrationMap(options: MapOptions): Promise<IntegrationMap> {
  const [loaded, owners] = await Promise.all([loadConnectors(options.root), loadOwners(options.root)]);
  const registry = owners.registry;
  const openDrifts = options.store ? await options.store.listDrifts({ status: 'open' }) : [];
  const rows: MapRow[] = [];
  for (const connector of loaded.connectors) {
    const own = resolveOwnership(connector, registry);
    const ownership = classify(
      evaluateOwnership(connector, registry, options.now).map((delta) => ({ source: 'ownership' as const, endpoint: '*', delta })),
      { connector: connector.name, severity: connector.severity },
    ).map(finding);
    const drifts = openDrifts.filter((d) => d.connector === connector.name && !d.suppressed);
    const policy = policyFor(registry, connector.name);
    const liveAuth = classify(
      [...credentialExpiryDeltas(connector, options.env, options.now, policy.credentialWarnDays), ...sharedCredentialDeltas(connector, loaded.connectors)].map(
        (delta) => ({ source: 'auth' as const, endpoint: '*', delta }),
      ),
      { connector: connector.name, severity: connector.severity },
    );
    // Findings only a scan can make (401s, certificates) come from the store; live ones are recomputed for today.
    const auth = [...liveAuth.map(finding), ...drifts.filter((d) => d.source.split(',').includes('auth') && !liveAuth.some((c) => c.rule === d.rule && c.path === d.path)).map(finding)];
    const schemaDrifts = drifts.filter((d) => !d.source.split(',').some((s) => s === 'auth' || s === 'ownership'));
    const row: MapRow = {
      connector: connector.name,
      vendor: connector.vendor ?? null,
      systemOwner: isPlaceholderName(own.ownerName) ? null : `${describeOwner(own.ownerName!, own.owner?.slack ?? connector.owner.slack)}${own.owner?.active === false ? ' [inactive]' : ''}`,
      dataOwner: isPlaceholderName(own.dataOwnerName) ? null : `${own.dataOwnerName!}${own.dataOwner?.active === false ? ' [inactive]' : ''}`,
      auth: describeAuth(connector.auth),
      failureMode: connector.failureMode ?? null,
      businessProcess: connector.businessProcess ?? null,
      channel: own.channel ?? null,
      runbook: own.runbook ?? null,
      exposure: {
        auth,
        schema: { open: schemaDrifts.length, breaking: schemaDrifts.filter((d) => d.severity === 'breaking').length },
        ownership,
      },
      lastScan: await lastScan(connector, options.store, drifts),
      gaps: [],
    };
    row.gaps = (['systemOwner', 'dataOwner', 'auth', 'failureMode', 'businessProcess'] as const).filter((k) => row[k] === null);
    rows.push(row);
  }
  return { generatedAt: options.now.toISOString(), rows, problems: [...loaded.problems, ...owners.problems] };
}

function finding(change: { rule: string; severity: Severity; message: string }): MapFinding {
  return { rule: change.rule, severity: change.severity, message: change.message };
}

function describeOwner(name: string, handle: string | undefined): string {
  return handle && !name.includes(handle) ? `${name} (${handle})` : name;
}

/** How it authenticates, by env var names only. */
function describeAuth(auth: AuthConfig): string | null {
  const expires = 'expiresAt' in auth && auth.expiresAt ? `, expires ${auth.expiresAt.slice(0, 10)}` : '';
  switch (auth.type) {
    case 'none':
      // "none" is a fact worth a row, but an unauthenticated vendor API is rare enough to confirm.
      return 'none (no credentials)';
    case 'bearer':
      return `bearer token $${auth.tokenEnv}${expires}`;
    case 'header':
      return `header ${auth.headerName}: $${auth.valueEnv}${expires}`;
    case 'query':
      return `query ?${auth.param}=$${auth.valueEnv}${expires}`;
    case 'basic':
      return `basic $${auth.usernameEnv} / $${auth.passwordEnv}${expires}`;
    case 'oauth2-client-credentials':
      return `OAuth2 client credentials $${auth.clientIdEnv} / $${auth.clientSecretEnv} at ${new URL(auth.tokenUrl).host}${expires}`;
    case 'oauth2-refresh-token':
      return `OAuth2 refresh token $${auth.refreshTokenEnv} at ${new URL(auth.tokenUrl).host}${expires}`;
    case 'mtls':
      return `mTLS client certificate $${auth.certEnv} / $${auth.keyEnv}${expires}`;
  }
}

async function lastScan(connector: Connector, store: SampleStore | undefined, drifts: readonly DriftRecord[]): Promise<MapRow['lastScan']> {
  if (!store) return { at: null, status: 'never', detail: 'no history store' };
  const samples = await store.listSamples({ connector: connector.name });
  if (samples.length === 0) return { at: null, status: 'never', detail: 'never scanned' };
  // reduce, not Math.max(...): a long history has more samples than a call has room for arguments.
  const lastRun = samples.reduce((max, s) => Math.max(max, s.runId), 0);
  const latest = samples.filter((s) => s.runId === lastRun);
  const at = latest.map((s) => s.takenAt).sort().at(-1) ?? null;
  const failed = latest.filter((s) => !s.ok);
  const breaking = drifts.filter((d) => d.severity === 'breaking').length;
  if (failed.length > 0) {
    const kinds = [...new Set(failed.map((s) => s.errorKind ?? 'error'))].join(', ');
    return { at, status: 'failing', detail: `${failed.length} of ${latest.length} endpoints failed (${kinds})` };
  }
  if (breaking > 0) return { at, status: 'drift', detail: `${breaking} open breaking drift${breaking === 1 ? '' : 's'}` };
  return { at, status: 'ok', detail: `${latest.length} endpoint${latest.length === 1 ? '' : 's'} answered` };
}
