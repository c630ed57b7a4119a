// Classify: Delta[] x rule catalogue -> Change[] with the consumer's severity, a message and a stable fingerprint.
// First, so define-rule.js is evaluated before the catalogue even if a rule file imports defineRule from here.
export { defineRule } from './define-rule.js';
import { createHash } from 'node:crypto';
import { catalogue } from './rules/index.js';
import type { Change, ChangeSource, Delta, Rule, Severity, SeverityCounts } from './model.js';

export interface ClassifyContext {
  connector: string;
  endpoint: string;
  source: ChangeSource;
  /** Per-rule overrides from connector.yaml: the consumer's word beats the rule's default and its verdict. */
  severity?: Record<string, Severity>;
  /** Defaults to the whole catalogue. */
  rules?: readonly Rule[];
}

const SEVERITY_RANK: Record<Severity, number> = { breaking: 0, warning: 1, info: 2 };

/** 12 hex characters of sha256 over (connector, endpoint, rule, path): the drift's key across runs. */
export function fingerprintOf(connector: string, endpoint: string, rule: string, path: string): string {
  return createHash('sha256').update([connector, endpoint, rule, path].join('\u0000')).digest('hex').slice(0, 12);
}

/** Runs every rule on every delta; the result is sorted breaking first, then by path, then by rule id. */
export function classify(deltas: readonly Delta[], ctx: ClassifyContext): Change[] {
  const rules = ctx.rules ?? catalogue;
  const ruleCtx = { connector: ctx.connector, endpoint: ctx.endpoint };
  const changes: Change[] = [];
  for (const delta of deltas) {
    for (const rule of rules) {
      const verdict = rule.match(delta, ruleCtx);
      if (verdict === null) continue;
      const change: Change = {
        connector: ctx.connector,
        endpoint: ctx.endpoint,
        rule: rule.id,
        severity: ctx.severity?.[rule.id] ?? verdict.severity ?? rule.severity,
        path: delta.path,
        message: verdict.message,
        source: ctx.source,
        fingerprint: fingerprintOf(ctx.connector, ctx.endpoint, rule.id, delta.path),
      };
      if (delta.before !== undefined) change.before = delta.before;
      if (delta.after !== undefined) change.after = delta.after;
      changes.push(change);
    }
  }
  return changes.sort(
    (a, b) =>
      SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] ||
      (a.path < b.path ? -1 : a.path > b.path ? 1 : 0) ||
      (a.rule < b.rule ? -1 : a.rule > b.rule ? 1 : 0),
  );
}

/** How many changes of each severity; suppressed changes are known and accepted, so they do not count. */
export function summarize(changes: readonly Change[]): SeverityCounts {
  const counts: SeverityCounts = { breaking: 0, warning: 0, info: 0 };
  for (const change of changes) if (change.suppressed === undefined) counts[change.severity]++;
  return counts;
}
