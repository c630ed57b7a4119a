// Ownership evaluation: a connector against the owners registry on a given date -> ownership deltas. Pure.
import type { Connector, Delta } from './model.js';

export interface OwnerPerson {
  id: string;
  name: string;
  /** A Slack handle (`@dana`) or channel (`#team`), shown in messages. */
  slack?: string;
  /** A Slack member id (`U024BE7LH`): the only thing an incoming webhook can turn into a real mention. */
  slackId?: string;
  email?: string;
  active: boolean;
  kind: 'person' | 'team';
  /** Team members (person ids); empty for people. */
  members: string[];
}

/** One connector's row in owners.yaml: who owns it today and when that was last checked. */
export interface ConnectorOwnership {
  /** Person or team id in the registry; overrides the name written in connector.yaml. */
  owner?: string;
  dataOwner?: string;
  channel?: string;
  runbook?: string;
  slackWebhookEnv?: string;
  /** ISO date of the last ownership review. */
  reviewedAt?: string;
  reviewEveryDays?: number;
  credentialWarnDays?: number;
  tlsWarnDays?: number;
}

export interface OwnersRegistry {
  /** The owners.yaml file it came from; undefined when the project has none (defaults apply). */
  file?: string;
  reviewEveryDays: number;
  credentialWarnDays: number;
  tlsWarnDays: number;
  people: OwnerPerson[];
  connectors: Record<string, ConnectorOwnership>;
}

const DEFAULT_REVIEW_EVERY_DAYS = 180;
const DEFAULT_CREDENTIAL_WARN_DAYS = 14;
const DEFAULT_TLS_WARN_DAYS = 21;

export function emptyRegistry(): OwnersRegistry {
  return {
    reviewEveryDays: DEFAULT_REVIEW_EVERY_DAYS,
    credentialWarnDays: DEFAULT_CREDENTIAL_WARN_DAYS,
    tlsWarnDays: DEFAULT_TLS_WARN_DAYS,
    people: [],
    connectors: {},
  };
}

/** The windows that apply to one connector: its owners.yaml row beats the project default. */
export function policyFor(registry: OwnersRegistry, connector: string): { reviewEveryDays: number; credentialWarnDays: number; tlsWarnDays: number } {
  const row = registry.connectors[connector];
  return {
    reviewEveryDays: row?.reviewEveryDays ?? registry.reviewEveryDays,
    credentialWarnDays: row?.credentialWarnDays ?? registry.credentialWarnDays,
    tlsWarnDays: row?.tlsWarnDays ?? registry.tlsWarnDays,
  };
}

/** Names people write when there is nobody: they are as good as no owner. */
const PLACEHOLDERS = new Set(['', 'tbd', 'todo', 'unknown', 'none', 'n/a', 'na', 'nobody', 'noone', 'no one', '-', '?', 'unassigned', 'owner']);

export function isPlaceholderName(name: string | undefined): boolean {
  return name === undefined || PLACEHOLDERS.has(name.trim().toLowerCase());
}

function norm(text: string | undefined): string {
  return (text ?? '').trim().toLowerCase().replace(/^[@#]/, '');
}

/** Finds a registry entry by id, name, Slack handle or email (case-insensitive). */
function findPerson(registry: OwnersRegistry, ...keys: Array<string | undefined>): OwnerPerson | undefined {
  for (const key of keys) {
    const k = norm(key);
    if (k === '') continue;
    const hit = registry.people.find(
      (p) => norm(p.id) === k || norm(p.name) === k || (p.slack !== undefined && norm(p.slack) === k) || (p.email !== undefined && norm(p.email) === k),
    );
    if (hit) return hit;
  }
  return undefined;
}

export interface ResolvedOwnership {
  /** The system owner as written (connector.yaml name, or the registry row's owner). */
  ownerName: string | undefined;
  owner: OwnerPerson | undefined;
  dataOwnerName: string | undefined;
  dataOwner: OwnerPerson | undefined;
  /** A Slack channel (`#...`) to post to or mention; undefined when none is named anywhere. */
  channel: string | undefined;
  runbook: string | undefined;
  /** `<@U123>` when a member id is known, else the handle, else the name. */
  mention: string | undefined;
  reviewedAt: string | undefined;
  slackWebhookEnv: string | undefined;
}

/** Merges what connector.yaml says with what owners.yaml says; the registry is the fresher source. */
export function resolveOwnership(connector: Connector, registry: OwnersRegistry): ResolvedOwnership {
  const row = registry.connectors[connector.name] ?? {};
  const ownerName = row.owner ?? connector.owner?.name;
  const owner = row.owner !== undefined ? findPerson(registry, row.owner) : findPerson(registry, connector.owner?.name, connector.owner?.slack, connector.owner?.email);
  const dataOwnerName = row.dataOwner ?? connector.dataOwner;
  const dataOwner = dataOwnerName !== undefined ? findPerson(registry, dataOwnerName) : undefined;
  const handle = owner?.slack ?? connector.owner?.slack;
  const channel = [row.channel, connector.owner?.slack, owner?.kind === 'team' ? owner.slack : undefined].find(
    (c): c is string => typeof c === 'string' && c.trim().startsWith('#'),
  );
  const mention = owner?.slackId ? `<@${owner.slackId}>` : handle && handle.startsWith('@') ? handle : (owner?.name ?? ownerName);
  return {
    ownerName: owner?.name ?? ownerName,
    owner,
    dataOwnerName: dataOwner?.name ?? dataOwnerName,
    dataOwner,
    channel,
    runbook: row.runbook ?? connector.runbook,
    mention: isPlaceholderName(ownerName) ? undefined : mention,
    reviewedAt: row.reviewedAt,
    slackWebhookEnv: connector.owner?.slackWebhookEnv ?? row.slackWebhookEnv,
  };
}

const DAY_MS = 86_400_000;

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: Date, to: Date): number {
  return Math.floor((to.getTime() - from.getTime()) / DAY_MS);
}

/**
 * Everything missing or stale about who answers for a connector, as deltas (location `ownership`).
 * Paths are stable across runs (`owner`, `dataOwner`, `runbook`, `channel`, `reviewedAt`) so a finding is one drift.
 */
export function evaluateOwnership(connector: Connector, registry: OwnersRegistry, now: Date): Delta[] {
  const deltas: Delta[] = [];
  const r = resolveOwnership(connector, registry);
  const row = registry.connectors[connector.name];
  const inRegistry = registry.file !== undefined;
  const registryName = registry.file ? 'contracts/owners.yaml' : undefined;

  const checkOwner = (path: 'owner' | 'dataOwner', name: string | undefined, person: OwnerPerson | undefined): void => {
    if (isPlaceholderName(name)) {
      deltas.push({ kind: 'owner-missing', location: 'ownership', path, role: path, after: name ?? null, reason: 'unnamed' });
      return;
    }
    // A name that the registry does not know cannot be reached, reviewed or checked for leaving.
    if (inRegistry && person === undefined && path === 'owner') {
      deltas.push({ kind: 'owner-missing', location: 'ownership', path, role: path, after: name ?? null, reason: 'unregistered', ...(registryName ? { registry: registryName } : {}) });
      return;
    }
    if (person && !person.active) {
      deltas.push({ kind: 'owner-inactive', location: 'ownership', path, role: path, after: person.name, id: person.id, ...(registryName ? { registry: registryName } : {}) });
    }
  };
  checkOwner('owner', r.ownerName, r.owner);
  checkOwner('dataOwner', r.dataOwnerName, r.dataOwner);

  if (r.runbook === undefined || r.runbook.trim() === '') {
    deltas.push({ kind: 'runbook-missing', location: 'ownership', path: 'runbook' });
  }
  if (r.channel === undefined) {
    deltas.push({ kind: 'slack-channel-missing', location: 'ownership', path: 'channel', handle: connector.owner?.slack ?? null });
  }

  const { reviewEveryDays } = policyFor(registry, connector.name);
  const reviewed = row?.reviewedAt !== undefined ? new Date(row.reviewedAt) : undefined;
  if (reviewed === undefined || Number.isNaN(reviewed.getTime())) {
    deltas.push({ kind: 'ownership-review-overdue', location: 'ownership', path: 'reviewedAt', after: null, reviewEveryDays });
  } else {
    const age = daysBetween(reviewed, now);
    if (age > reviewEveryDays) {
      deltas.push({
        kind: 'ownership-review-overdue',
        location: 'ownership',
        path: 'reviewedAt',
        after: row!.reviewedAt ?? null,
        ageDays: age,
        reviewEveryDays,
      });
    }
  }
  return deltas;
}
