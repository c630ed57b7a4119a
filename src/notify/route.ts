// Who an alert goes to: a connector's fallback chain (owner -> team -> data owner -> default channel), with the people
// skipped on the way and why. Pure: the owners registry is read before the run.
import { findPerson, isPlaceholderName, resolveOwnership, type OwnerPerson, type OwnersRegistry } from '../core/ownership.js';
import type { Connector } from '../core/model.js';

export type RouteRole = 'owner' | 'team' | 'data owner' | 'default channel';

/** One stop of the chain: someone who can be told. */
export interface RouteStep {
  role: RouteRole;
  name: string;
  /** How the message addresses them: `<@U123>`, `@dana`, `#ops` or the plain name (escaped by the renderer unless it is a member id). */
  mention: string;
  /** The env var NAME of their own webhook, when owners.yaml names one. */
  webhookEnv?: string;
}

/** Someone the chain passed over, with the reason shown in the message. */
export interface SkippedStep {
  role: RouteRole;
  name: string;
  reason: string;
}

export interface Route {
  /** In the order an alert is raised: the first is told at once, the next ones on escalation. */
  steps: RouteStep[];
  skipped: SkippedStep[];
}

function stepOf(role: RouteRole, person: OwnerPerson): RouteStep {
  const mention = person.slackId ? `<@${person.slackId}>` : person.slack && /^[@#]/.test(person.slack) ? person.slack : person.name;
  return { role, name: person.name, mention, ...(person.slackWebhookEnv ? { webhookEnv: person.slackWebhookEnv } : {}) };
}

/**
 * The connector's chain. An inactive owner, one owners.yaml does not know (when there is an owners.yaml), or a
 * placeholder name is skipped with its reason; a person reached twice (the data owner is the owner's team) is one stop.
 */
export function routeFor(connector: Connector, registry: OwnersRegistry): Route {
  const ownership = resolveOwnership(connector, registry);
  const hasRegistry = registry.file !== undefined;
  const steps: RouteStep[] = [];
  const skipped: SkippedStep[] = [];
  const reached = new Set<string>();
  const add = (step: RouteStep, id: string): void => {
    if (reached.has(id)) return;
    reached.add(id);
    steps.push(step);
  };
  /** A named person or team: a stop, or a skip with the reason. */
  const consider = (role: RouteRole, name: string | undefined, person: OwnerPerson | undefined, fallback?: RouteStep): void => {
    if (isPlaceholderName(name)) {
      if (role === 'owner') skipped.push({ role, name: name ?? '(none)', reason: 'nobody is named' });
      return;
    }
    if (person === undefined) {
      if (hasRegistry || fallback === undefined) skipped.push({ role, name: name!, reason: 'not in contracts/owners.yaml' });
      else add(fallback, `name:${name!.toLowerCase()}`);
      return;
    }
    if (!person.active) {
      skipped.push({ role, name: person.name, reason: 'inactive in contracts/owners.yaml' });
      return;
    }
    add(stepOf(person.kind === 'team' && role === 'owner' ? 'team' : role, person), person.id);
  };

  const owner = ownership.owner;
  // Without an owners.yaml, connector.yaml's owner is all there is: reached by its handle, as the message always did.
  const written = connector.owner;
  const writtenStep: RouteStep | undefined =
    ownership.ownerName !== undefined
      ? {
          role: 'owner',
          name: ownership.ownerName,
          mention: written?.slack && /^[@#]/.test(written.slack) ? written.slack : ownership.ownerName,
          ...(written?.slackWebhookEnv ? { webhookEnv: written.slackWebhookEnv } : {}),
        }
      : undefined;
  consider('owner', ownership.ownerName, owner, writtenStep);
  // The owner's teams (owners.yaml groups whose members include them), reached even when the owner left.
  if (owner !== undefined && owner.kind === 'person') {
    for (const team of registry.people.filter((p) => p.kind === 'team' && p.members.includes(owner.id))) consider('team', team.name, team);
  }
  const dataOwner = ownership.dataOwnerName !== undefined ? findPerson(registry, ownership.dataOwnerName) : undefined;
  consider('data owner', ownership.dataOwnerName, dataOwner, ownership.dataOwnerName !== undefined ? { role: 'data owner', name: ownership.dataOwnerName, mention: ownership.dataOwnerName } : undefined);
  if (registry.defaultChannel !== undefined) add({ role: 'default channel', name: registry.defaultChannel, mention: registry.defaultChannel }, `channel:${registry.defaultChannel}`);
  return { steps, skipped };
}

/** `Dana Reyes (owner): inactive in contracts/owners.yaml`: one line per skip, for the message. */
export function skippedText(skip: SkippedStep): string {
  return `${skip.name} (${skip.role}): ${skip.reason}`;
}
