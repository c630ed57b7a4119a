// SARIF 2.1.0 (GitHub code scanning and other static-analysis viewers): one run of the tool driftwatch, its rules from
// the catalogue, a result per finding placed at the connector.yaml line of its endpoint, evidence in the properties.
import { relative, sep } from 'node:path';
import type { Connector, Finding, Severity } from '../core/model.js';
import { shownValue } from './json-document.js';
import type { RuleInfo } from './render.js';
import { seenBy } from './format-value.js';

const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';

const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { breaking: 'error', warning: 'warning', info: 'note' };

/** Where a result points: a file under the project root (or a URL) and, when known, its line. */
export interface SarifPlace {
  uri: string;
  line?: number;
}

export interface SarifNotification {
  level: 'error' | 'warning' | 'note';
  /** What kind of failure (a sample failure kind, `config`, `spec`...). */
  id: string;
  message: string;
  place?: SarifPlace;
}

export interface SarifRunInput {
  version: string;
  /** The catalogue (stable rule indexes); a finding of a rule not in it gets a descriptor of its own. */
  rules: readonly RuleInfo[];
  /** The command line's name for what ran (`scan`, `verify`, `diff`). */
  command: string;
  findings: ReadonlyArray<{ finding: Finding; place: SarifPlace; related?: SarifPlace[] }>;
  notifications: readonly SarifNotification[];
  startedAt?: string;
  finishedAt?: string;
}

/** A path under `root` as a SARIF URI: relative, forward slashes; anything outside the root (or a URL) as it is. */
export function sarifUri(file: string, root: string): string {
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(file)) return file;
  const rel = relative(root, file);
  return rel === '' || rel.startsWith('..') ? file.split(sep).join('/') : rel.split(sep).join('/');
}

/** The connector.yaml line of a finding's endpoint; the connector's own line for connector-wide findings. */
export function connectorPlace(connector: Pick<Connector, 'file' | 'lines'>, endpoint: string, root: string): SarifPlace {
  const line = connector.lines?.endpoints[endpoint] ?? connector.lines?.connector;
  return { uri: sarifUri(connector.file, root), ...(line !== undefined ? { line } : {}) };
}

function location(place: SarifPlace): Record<string, unknown> {
  const uri = /^[a-z][a-z0-9+.-]*:\/\//i.test(place.uri) ? { uri: place.uri } : { uri: place.uri, uriBaseId: '%SRCROOT%' };
  return { physicalLocation: { artifactLocation: uri, ...(place.line !== undefined ? { region: { startLine: place.line } } : {}) } };
}

function help(rule: { id: string; summary: string }): { text: string; markdown: string } {
  const what =
    'If the vendor meant it and your connector copes, accept it: `driftwatch accept` (new snapshots), or ' +
    '`driftwatch accept --change <fingerprint> --reason "..."` for this one change (an ignore entry in connector.yaml). ' +
    'If not, fix the connector; `driftwatch ack <fingerprint> --note "..."` records the root cause meanwhile.';
  return { text: `${rule.summary}. ${what.replace(/`/g, '')}`, markdown: `**${rule.id}**: ${rule.summary}.\n\n${what}` };
}

function ruleDescriptor(rule: { id: string; summary: string; severity: Severity; on?: string }): Record<string, unknown> {
  return {
    id: rule.id,
    shortDescription: { text: rule.summary },
    fullDescription: { text: rule.summary },
    defaultConfiguration: { level: LEVEL[rule.severity] },
    help: help(rule),
    properties: { tags: ['driftwatch'], defaultSeverity: rule.severity, ...(rule.on ? { reads: rule.on } : {}) },
  };
}

function result(entry: SarifRunInput['findings'][number], ruleIndex: number): Record<string, unknown> {
  const f = entry.finding;
  const suppressions = f.suppressed
    ? [{ kind: 'external', status: 'accepted', justification: `${f.suppressed.reason}${f.suppressed.acceptedBy ? ` (${f.suppressed.acceptedBy})` : ''}${f.suppressed.expires ? `, until ${f.suppressed.expires}` : ''}` }]
    : f.accepted
      ? [{ kind: 'external', status: 'accepted', justification: `accepted with driftwatch accept on ${f.accepted.at.slice(0, 10)}` }]
      : undefined;
  return {
    ruleId: f.rule,
    ruleIndex,
    level: LEVEL[f.severity],
    message: { text: `${f.message} (${f.connector}/${f.endpoint}; seen by ${seenBy(f.evidence) || 'driftwatch'})` },
    locations: [{ ...location(entry.place), logicalLocations: [{ name: f.endpoint, fullyQualifiedName: `${f.connector}/${f.endpoint}`, kind: 'resource' }] }],
    ...(entry.related && entry.related.length > 0 ? { relatedLocations: entry.related.map((p, id) => ({ id, ...location(p) })) } : {}),
    partialFingerprints: { 'driftwatch/v1': f.fingerprint },
    ...(suppressions ? { suppressions } : {}),
    properties: {
      severity: f.severity,
      connector: f.connector,
      endpoint: f.endpoint,
      path: f.path,
      fingerprint: f.fingerprint,
      before: shownValue(f.before),
      after: shownValue(f.after),
      evidence: f.evidence.map((e) => ({ source: e.source, where: e.where ?? null, message: e.message })),
      pinned: f.pinned ?? null,
    },
  };
}

/** The SARIF log of one run, as text. Rules: the whole catalogue (stable indexes), then any rule id it does not know. */
export function renderSarifLog(input: SarifRunInput): string {
  const catalogue = input.rules;
  const rules = catalogue.map((r) => ruleDescriptor(r));
  const index = new Map(catalogue.map((r, i) => [r.id, i]));
  for (const { finding } of input.findings) {
    if (!index.has(finding.rule)) {
      index.set(finding.rule, rules.length);
      rules.push(ruleDescriptor({ id: finding.rule, summary: finding.rule, severity: finding.severity }));
    }
  }
  const log = {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'driftwatch', version: input.version, semanticVersion: input.version, rules } },
        automationDetails: { id: `driftwatch/${input.command}/` },
        invocations: [
          {
            executionSuccessful: !input.notifications.some((n) => n.level === 'error'),
            ...(input.startedAt ? { startTimeUtc: input.startedAt } : {}),
            ...(input.finishedAt ? { endTimeUtc: input.finishedAt } : {}),
            toolExecutionNotifications: input.notifications.map((n) => ({
              level: n.level,
              descriptor: { id: n.id },
              message: { text: n.message },
              ...(n.place ? { locations: [location(n.place)] } : {}),
            })),
          },
        ],
        results: input.findings.map((entry) => result(entry, index.get(entry.finding.rule)!)),
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}
