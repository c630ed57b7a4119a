// Loads contracts/owners.yaml (people, teams, per-connector review dates and windows); problems come back as data.
import { join } from 'node:path';
import type { Document, LineCounter, Node } from 'yaml';
import { lazyModule } from '../config/lazy-module.js';
import { readCappedText } from '../config/read-capped.js';
import type { ConfigProblem } from '../core/model.js';
import { emptyRegistry, type ConnectorOwnership, type OwnerPerson, type OwnersRegistry } from '../core/ownership.js';
import { isRecord } from '../core/is-record.js';

export const OWNERS_FILE = 'owners.yaml';

export interface OwnersLoad {
  registry: OwnersRegistry;
  problems: ConfigProblem[];
  /**
   * True when owners.yaml exists but could not be used as a whole (unreadable, a YAML syntax error, not a mapping):
   * the registry then says nothing about anyone, so ownership must not be judged from it (every connector would
   * look ownerless) nor taken as fixed (earlier ownership drifts would resolve).
   */
  unusable: boolean;
}

export function ownersFile(root: string): string {
  return join(root, 'contracts', OWNERS_FILE);
}

// Only a project with an owners.yaml needs the YAML parser (a scan of unchanged connector files does not load it).
const yaml = lazyModule<typeof import('yaml')>('yaml');

/** A missing owners.yaml is not a problem: the defaults apply and ownership findings say what to add. */
export async function loadOwners(root: string): Promise<OwnersLoad> {
  const file = ownersFile(root);
  let text: string;
  try {
    const read = await readCappedText(file, 'owners files');
    if (!read.ok) return { registry: emptyRegistry(), problems: [{ file, message: read.message }], unusable: true };
    text = read.text;
  } catch (error) {
    const code = typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : String(error);
    if (code === 'ENOENT') return { registry: emptyRegistry(), problems: [], unusable: false };
    return { registry: emptyRegistry(), problems: [{ file, message: `cannot be read (${code})` }], unusable: true };
  }
  return parseOwnersYaml(text, file);
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}/;
const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const ROW_KEYS = new Set(['owner', 'dataOwner', 'channel', 'runbook', 'slackWebhookEnv', 'reviewedAt', 'reviewEveryDays', 'credentialWarnDays', 'tlsWarnDays']);
const PERSON_KEYS = new Set(['id', 'name', 'slack', 'slackId', 'email', 'active', 'members', 'slackWebhookEnv']);
const TOP_KEYS = new Set(['reviewEveryDays', 'credentialWarnDays', 'tlsWarnDays', 'defaultChannel', 'escalateAfter', 'people', 'teams', 'connectors']);

/** Parses owners.yaml text; a bad entry is reported (file:line:col) and skipped, the rest still counts. */
export function parseOwnersYaml(text: string, file: string): OwnersLoad {
  const { LineCounter, parseDocument } = yaml();
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  const registry: OwnersRegistry = { ...emptyRegistry(), file };
  if (doc.errors.length > 0) {
    return {
      registry,
      problems: doc.errors.map((e) => {
        const pos = lines.linePos(e.pos[0]);
        return { file, line: pos.line, col: pos.col, message: `YAML syntax error: ${e.message.split('\n')[0]}` };
      }),
      unusable: true,
    };
  }
  const problems: ConfigProblem[] = [];
  const report = (path: Array<string | number>, message: string): void => {
    const pos = locate(doc, lines, path);
    problems.push({ file, ...(pos ? { line: pos.line, col: pos.col } : {}), at: path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? p : `.${p}`)).join(''), message });
  };
  // YAML turns an unquoted 2026-01-05 into a string with the default schema; toJS keeps it a string.
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: 100 });
  } catch (error) {
    return { registry, problems: [{ file, message: `cannot be read as YAML: ${error instanceof Error ? error.message : String(error)}` }], unusable: true };
  }
  if (data === null || data === undefined) return { registry, problems, unusable: false };
  if (!isRecord(data)) return { registry, problems: [{ file, message: 'must be a mapping with people, teams and connectors' }], unusable: true };

  for (const key of Object.keys(data)) if (!TOP_KEYS.has(key)) report([key], `unknown key (known: ${[...TOP_KEYS].join(', ')})`);
  for (const key of ['reviewEveryDays', 'credentialWarnDays', 'tlsWarnDays'] as const) {
    const value = data[key];
    if (value === undefined) continue;
    if (isPositiveInt(value)) registry[key] = value;
    else report([key], 'must be a whole number of days (1 or more)');
  }
  const defaultChannel = data['defaultChannel'];
  if (defaultChannel !== undefined) {
    if (typeof defaultChannel === 'string' && defaultChannel.trim().startsWith('#')) registry.defaultChannel = defaultChannel.trim();
    else report(['defaultChannel'], 'must be a Slack channel starting with # (quote it in YAML: "#ops")');
  }
  const escalateAfter = data['escalateAfter'];
  if (escalateAfter !== undefined) {
    const hours = parseHours(escalateAfter);
    if (hours !== undefined) registry.escalateAfterHours = hours;
    else report(['escalateAfter'], 'must be a duration such as 24h or 2d (hours or days, more than 0)');
  }

  const seen = new Set<string>();
  for (const [section, kind] of [['people', 'person'], ['teams', 'team']] as const) {
    const list = data[section];
    if (list === undefined) continue;
    if (!Array.isArray(list)) {
      report([section], 'must be a list');
      continue;
    }
    list.forEach((entry: unknown, i) => {
      const person = readPerson(entry, kind, (path, message) => report([section, i, ...path], message));
      if (!person) return;
      if (seen.has(person.id)) return report([section, i, 'id'], `duplicate id "${person.id}"`);
      seen.add(person.id);
      registry.people.push(person);
    });
  }

  const rows = data['connectors'];
  if (rows !== undefined) {
    if (!isRecord(rows)) report(['connectors'], 'must map connector names to their ownership rows');
    else {
      for (const [name, value] of Object.entries(rows)) {
        const row = readRow(value, (path, message) => report(['connectors', name, ...path], message));
        if (row) registry.connectors[name] = row;
      }
      for (const [name, row] of Object.entries(registry.connectors)) {
        for (const role of ['owner', 'dataOwner'] as const) {
          const id = row[role];
          if (id !== undefined && role === 'owner' && !registry.people.some((p) => p.id === id)) {
            report(['connectors', name, role], `"${id}" is not a person or team id in this file`);
          }
        }
      }
    }
  }
  return { registry, problems, unusable: false };
}

type Report = (path: Array<string | number>, message: string) => void;

function readPerson(entry: unknown, kind: 'person' | 'team', report: Report): OwnerPerson | undefined {
  if (!isRecord(entry)) {
    report([], 'must be a mapping with at least id and name');
    return undefined;
  }
  let ok = true;
  for (const key of Object.keys(entry)) if (!PERSON_KEYS.has(key)) report([key], `unknown key (known: ${[...PERSON_KEYS].join(', ')})`);
  const str = (key: string, required: boolean): string | undefined => {
    const value = entry[key];
    if (value === undefined) {
      if (required) {
        report([], `${key} is required`);
        ok = false;
      }
      return undefined;
    }
    if (typeof value !== 'string' || value.trim() === '') {
      report([key], 'must be a non-empty string');
      ok = false;
      return undefined;
    }
    return value.trim();
  };
  const id = str('id', true);
  const name = str('name', true);
  const slack = str('slack', false);
  const slackId = str('slackId', false);
  const email = str('email', false);
  const webhookEnv = str('slackWebhookEnv', false);
  if (webhookEnv !== undefined && !ENV_NAME.test(webhookEnv)) {
    report(['slackWebhookEnv'], 'must be the name of an environment variable holding the webhook URL, not the URL itself');
    ok = false;
  }
  const active = entry['active'];
  if (active !== undefined && typeof active !== 'boolean') {
    report(['active'], 'must be true or false');
    ok = false;
  }
  const members = entry['members'];
  if (members !== undefined && !(Array.isArray(members) && members.every((m) => typeof m === 'string'))) {
    report(['members'], 'must be a list of person ids');
    ok = false;
  }
  if (!ok || id === undefined || name === undefined) return undefined;
  return {
    id,
    name,
    kind,
    active: active !== false,
    members: Array.isArray(members) ? (members as string[]) : [],
    ...(slack ? { slack } : {}),
    ...(slackId ? { slackId } : {}),
    ...(email ? { email } : {}),
    ...(webhookEnv ? { slackWebhookEnv: webhookEnv } : {}),
  };
}

/** `24h`, `2d`, `36` (hours): the escalation delay in hours; undefined when unreadable or not positive. */
export function parseHours(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) && value > 0 ? value : undefined;
  if (typeof value !== 'string') return undefined;
  const match = /^\s*(\d+(?:\.\d+)?)\s*(h|d)?\s*$/i.exec(value);
  if (!match) return undefined;
  const n = Number(match[1]) * (match[2]?.toLowerCase() === 'd' ? 24 : 1);
  return n > 0 ? n : undefined;
}

function readRow(value: unknown, report: Report): ConnectorOwnership | undefined {
  if (value === null) return {};
  if (!isRecord(value)) {
    report([], 'must be a mapping (owner, dataOwner, channel, runbook, reviewedAt, ...)');
    return undefined;
  }
  const row: ConnectorOwnership = {};
  for (const [key, v] of Object.entries(value)) {
    if (!ROW_KEYS.has(key)) {
      report([key], `unknown key (known: ${[...ROW_KEYS].join(', ')})`);
      continue;
    }
    switch (key) {
      case 'reviewEveryDays':
      case 'credentialWarnDays':
      case 'tlsWarnDays':
        if (isPositiveInt(v)) row[key] = v;
        else report([key], 'must be a whole number of days (1 or more)');
        break;
      case 'reviewedAt':
        if (typeof v === 'string' && ISO_DATE.test(v) && !Number.isNaN(new Date(v).getTime())) row.reviewedAt = v;
        else report([key], 'must be an ISO date (YYYY-MM-DD)');
        break;
      case 'slackWebhookEnv':
        if (typeof v === 'string' && ENV_NAME.test(v)) row.slackWebhookEnv = v;
        else report([key], 'must be the name of an environment variable holding the webhook URL, not the URL itself');
        break;
      case 'channel':
        if (typeof v === 'string' && v.trim().startsWith('#')) row.channel = v.trim();
        else report([key], 'must be a Slack channel starting with # (quote it in YAML: "#billing")');
        break;
      default:
        if (typeof v === 'string' && v.trim() !== '') row[key as 'owner' | 'dataOwner' | 'runbook'] = v.trim();
        else report([key], 'must be a non-empty string');
    }
  }
  return row;
}

function isPositiveInt(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 1;
}

function locate(doc: Document, lines: LineCounter, path: Array<string | number>): { line: number; col: number } | undefined {
  let best: { line: number; col: number } | undefined;
  for (let n = path.length; n >= 0 && best === undefined; n--) {
    const node = n === 0 ? doc.contents : doc.getIn(path.slice(0, n), true);
    if (node && typeof node === 'object' && (yaml().isMap(node) || yaml().isSeq(node) || 'range' in node)) {
      const range = (node as Node).range;
      if (range) best = lines.linePos(range[0]);
    }
  }
  return best;
}
