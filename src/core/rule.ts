// The contract of a rule: it listens to one kind of delta and says, from the consumer's side, whether and how it matters.
import type { DeltaKind, DeltaOf } from './deltas.js';
import type { EvidenceSource, Severity } from './model.js';

export interface RuleContext {
  connector: string;
  /** The endpoint, operation or event type the delta is about; `*` for connector-wide deltas. */
  endpoint: string;
  /** Who saw it: a rule words its message for the source (the spec "documents", a pact "expects", samples "saw"). */
  source: EvidenceSource;
}

export interface RuleVerdict {
  message: string;
  /** Overrides the rule's default severity for this one finding (e.g. expired vs expiring). */
  severity?: Severity;
}

/** One rule per file under src/core/rules; the file name is the rule id. */
export interface Rule<K extends DeltaKind = DeltaKind> {
  id: string;
  /** The default severity for the consumer; connector.yaml may override it. */
  severity: Severity;
  /** One line for the rule table (docs/rules.md). */
  summary: string;
  /** The one kind of delta this rule reads. */
  on: K;
  /** null: this delta, as the evidence stands, is not this rule's finding. */
  match(delta: DeltaOf<K>, ctx: RuleContext): RuleVerdict | null;
}

/** A rule of any kind: the catalogue holds these. */
export type AnyRule = { [K in DeltaKind]: Rule<K> }[DeltaKind];
