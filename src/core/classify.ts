// Classify: observations (typed deltas, each from one source) -> findings. One vendor change at one place is one finding
// with the evidence of every source that saw it, one fingerprint, and one severity decided by one policy.
// First, so define-rule.js is evaluated before the catalogue even if a rule file imports defineRule from here.
export { defineRule } from './define-rule.js';
import { createHash } from 'node:crypto';
import type { Delta } from './deltas.js';
import { suppressionFor } from './ignore.js';
import type { Evidence, EvidenceSource, Finding, IgnoreEntry, JsonValue, Severity, SeverityCounts } from './model.js';
import { compareSeverity, worstSeverity } from './policy.js';
import type { AnyRule, RuleVerdict } from './rule.js';
import { catalogue } from './rules/index.js';
import { NO_USAGE, usesPlace, type ConsumerUsage } from './usage.js';

/** What one source saw: a typed delta at a place. Sources make these; only classify makes findings. */
export interface Observation {
  source: EvidenceSource;
  /** Endpoint id, operation key, `event:<type>`, or `*` for connector-wide deltas. */
  endpoint: string;
  delta: Delta;
}

export interface ClassifyContext {
  connector: string;
  /** Per-rule overrides from connector.yaml: the consumer's word beats the rule's default and its verdict. */
  severity?: Readonly<Record<string, Severity>>;
  /** What the consumer's contracts pin: a breaking change nobody pins is a warning. */
  usage?: ConsumerUsage;
  ignore?: readonly IgnoreEntry[];
  /** `YYYY-MM-DD`, for ignore entries' expiry. Required with `ignore`. */
  today?: string;
  /** Defaults to the whole catalogue. */
  rules?: readonly AnyRule[];
}

export const UNUSED_SUFFIX = 'not used by any contract';

/** Whose words head a finding: the most direct sight of the change first (what the vendor sent beats what a document says). */
const SOURCE_ORDER: readonly EvidenceSource[] = ['snapshot', 'event', 'graphql', 'signal', 'spec-diff', 'pact', 'spec', 'auth', 'ownership'];

/** Places about the connector as a whole (or an endpoint's availability), which no contract pins; GraphQL schema deltas carry their own usage (the queries). */
const UNPINNABLE = new Set(['auth', 'ownership', 'signal', 'graphql', 'availability']);

/** 12 hex characters of sha256 over (connector, place, rule, path): the drift's key across runs, whoever saw it. */
export function fingerprintOf(connector: string, endpoint: string, rule: string, path: string): string {
  return createHash('sha256').update([connector, endpoint, rule, path].join('\u0000')).digest('hex').slice(0, 12);
}

interface Sighting {
  observation: Observation;
  rule: AnyRule;
  verdict: RuleVerdict;
}

const indexes = new WeakMap<readonly AnyRule[], Map<string, AnyRule[]>>();

/** The catalogue indexed by the kind each rule listens to (built once per rule list). */
function rulesByKind(rules: readonly AnyRule[]): Map<string, AnyRule[]> {
  let index = indexes.get(rules);
  if (index === undefined) {
    index = new Map();
    for (const rule of rules) index.set(rule.on, [...(index.get(rule.on) ?? []), rule]);
    indexes.set(rules, index);
  }
  return index;
}

/** The before/after a delta shows a person, when it has them. */
function valuesOf(delta: Delta): { before?: JsonValue; after?: JsonValue } {
  const out: { before?: JsonValue; after?: JsonValue } = {};
  if ('before' in delta && delta.before !== undefined) out.before = delta.before as JsonValue;
  if ('after' in delta && delta.after !== undefined) out.after = delta.after as JsonValue;
  return out;
}

/**
 * Runs the rules of each delta's kind, merges sightings of one change into one finding, sorted breaking first. A
 * rename is one finding on the old name: when any source confirms the old name's removal, the new name's "added" is
 * folded into it.
 */
export function classify(observations: readonly Observation[], ctx: ClassifyContext): Finding[] {
  const index = rulesByKind(ctx.rules ?? catalogue);
  const groups = new Map<string, Sighting[]>();
  for (const observation of reconcileRenames(observations, index, ctx.connector)) {
    for (const rule of index.get(observation.delta.kind) ?? []) {
      // The index guarantees the rule listens to this delta's kind; TypeScript cannot follow a Map lookup.
      const verdict = (rule.match as (d: Delta, c: object) => RuleVerdict | null)(observation.delta, {
        connector: ctx.connector,
        endpoint: observation.endpoint,
        source: observation.source,
      });
      if (verdict === null) continue;
      const fingerprint = fingerprintOf(ctx.connector, observation.endpoint, rule.id, observation.delta.path);
      groups.set(fingerprint, [...(groups.get(fingerprint) ?? []), { observation, rule, verdict }]);
    }
  }
  const findings = [...groups].map(([fingerprint, sightings]) => toFinding(fingerprint, sightings, ctx));
  return findings.sort(
    (a, b) =>
      compareSeverity(a.severity, b.severity) ||
      (a.endpoint < b.endpoint ? -1 : a.endpoint > b.endpoint ? 1 : 0) ||
      (a.path < b.path ? -1 : a.path > b.path ? 1 : 0) ||
      (a.rule < b.rule ? -1 : a.rule > b.rule ? 1 : 0),
  );
}

/**
 * The samples pair a removed and an added property of the same type as a rename, but may lack the evidence to call
 * the removal (a single resource sampled a few times). When another source (the spec, a pact) confirms the old name
 * is gone, its sightings learn the new name and the new name's own "added" sighting is dropped.
 */
function reconcileRenames(observations: readonly Observation[], index: Map<string, AnyRule[]>, connector: string): readonly Observation[] {
  const renames = observations.filter(
    (o): o is Observation & { delta: Extract<Delta, { kind: 'property-added' }> } => o.delta.kind === 'property-added' && o.delta.renamedFrom !== undefined,
  );
  if (renames.length === 0) return observations;
  const fires = (o: Observation): boolean =>
    (index.get(o.delta.kind) ?? []).some((rule) => (rule.match as (d: Delta, c: object) => RuleVerdict | null)(o.delta, { connector, endpoint: o.endpoint, source: o.source }) !== null);
  const dropped = new Set<Observation>();
  const renamedTo = new Map<string, string>();
  for (const added of renames) {
    const from = added.delta.renamedFrom!.path;
    const confirmed = observations.some((o) => o.endpoint === added.endpoint && o.delta.kind === 'property-removed' && o.delta.path === from && fires(o));
    if (!confirmed) continue;
    dropped.add(added);
    renamedTo.set(`${added.endpoint}\u0000${from}`, added.delta.path);
  }
  return observations
    .filter((o) => !dropped.has(o))
    .map((o) => {
      const to = o.delta.kind === 'property-removed' && o.delta.renamedTo === undefined ? renamedTo.get(`${o.endpoint}\u0000${o.delta.path}`) : undefined;
      return to === undefined ? o : { ...o, delta: { ...o.delta, renamedTo: to } };
    });
}

function toFinding(fingerprint: string, sightings: Sighting[], ctx: ClassifyContext): Finding {
  sightings.sort((a, b) => SOURCE_ORDER.indexOf(a.observation.source) - SOURCE_ORDER.indexOf(b.observation.source));
  const first = sightings[0] as Sighting;
  const { delta, endpoint } = first.observation;
  const evidence: Evidence[] = [];
  for (const s of sightings) {
    if (evidence.some((e) => e.source === s.observation.source && e.message === s.verdict.message)) continue;
    const where = 'where' in s.observation.delta ? s.observation.delta.where : undefined;
    evidence.push({ source: s.observation.source, message: s.verdict.message, ...(typeof where === 'string' ? { where } : {}) });
  }
  const finding: Finding = {
    connector: ctx.connector,
    endpoint,
    rule: first.rule.id,
    severity: 'info',
    path: delta.path,
    ...valuesOf(delta),
    message: first.verdict.message,
    evidence,
    fingerprint,
  };
  decideSeverity(finding, sightings, ctx);
  const suppressed = ctx.ignore && ctx.today ? suppressionFor(ctx.ignore, finding, ctx.today) : undefined;
  if (suppressed) finding.suppressed = suppressed;
  return finding;
}

/**
 * The one severity policy, in order: the worst verdict of the rule over every sighting; then usage — a consumer with
 * contracts that pin nothing of this place is told at most a warning, unless a contract itself is broken; then the
 * connector's per-rule override, which always wins.
 */
function decideSeverity(finding: Finding, sightings: readonly Sighting[], ctx: ClassifyContext): void {
  const rule = sightings[0]!.rule;
  let severity = worstSeverity(sightings.map((s) => s.verdict.severity ?? rule.severity));
  const contractBroken = sightings.some((s) => s.observation.source === 'pact');
  const pinned = contractBroken ? true : UNPINNABLE.has(sightings[0]!.observation.delta.location) ? undefined : usesPlace(ctx.usage ?? NO_USAGE, finding.endpoint, finding.path);
  if (pinned !== undefined) finding.pinned = pinned;
  if (pinned === false && severity === 'breaking') {
    severity = 'warning';
    finding.message = `${finding.message} (${UNUSED_SUFFIX})`;
  }
  finding.severity = ctx.severity?.[finding.rule] ?? severity;
}

/** Whether a finding counts: suppressed (an ignore entry) and accepted (`driftwatch accept`) findings are known. */
export function counts(finding: Finding): boolean {
  return finding.suppressed === undefined && finding.accepted === undefined;
}

/** How many counting findings of each severity. */
export function summarize(findings: readonly Finding[]): SeverityCounts {
  const out: SeverityCounts = { breaking: 0, warning: 0, info: 0 };
  for (const finding of findings) if (counts(finding)) out[finding.severity]++;
  return out;
}
