// Spec vs spec: two OpenAPI documents -> observations judged by the core, one finding per change in the document.
// A change inside a shared component is one finding at the component listing the operations it reaches; scoped to
// the operations a consumer uses; every walk and every json-schema-diff cross-check bounded.
// Over 300 lines: the orchestration (scope, placing, reach, cross-check, judging) reads top to bottom as one pass.
import { classify, fingerprintOf, summarize, type ClassifyContext, type Observation } from '../core/classify.js';
import type { Delta, DeltaLocation, Finding, SeverityCounts } from '../core/model.js';
import { compareSeverity } from '../core/policy.js';
import type { AnyRule } from '../core/rule.js';
import { catalogue } from '../core/rules/index.js';
import { convertToOpenApi3 } from './convert-swagger.js';
import { createCrossChecker, DEFAULT_CROSS_CHECK_TIMEOUT_MS } from './cross-check.js';
import { createSchemaDiffEnv, createWalkBudget, diffRoot, type SchemaDiffEnv } from './diff-schemas.js';
import { compareOperations, diffDocumentWide, type OperationPair } from './diff-operations.js';
import { listOperations, listWebhooks, operationKey, specVersionOf, templateOf } from './operations.js';
import { PlaceGraph, rootPath, type RootInfo } from './place-graph.js';
import { typedSpecDelta, type Container } from './spec-deltas.js';
import type { OpenApiDocument, SpecOperation } from './types.js';

export interface OutOfScopeSummary {
  changes: number;
  operations: number;
  breaking: number;
  warning: number;
  info: number;
}

export interface SpecDiffResult {
  /** Judged findings in scope, breaking first: `endpoint` is the operation, a component (`#/components/schemas/X`) or `*`. */
  changes: Finding[];
  summary: SeverityCounts;
  /** Changes in operations outside the scope, summed up rather than listed. */
  outOfScope: OutOfScopeSummary;
  /** The scope asked for (operation keys), or undefined for everything. */
  scope?: string[];
  /** Scope entries found in neither document. */
  unknownOperations: string[];
  operations: { before: number; after: number };
  /** json-schema-diff cross-checks run, skipped (circular or too large schemas) and stopped at their deadline. */
  crossCheck: { ran: number; skipped: number; timedOut: number };
  /** What was left unjudged and why (a walk budget spent, a cross-check past its deadline): never silently. */
  notJudged: string[];
}

export interface DiffSpecsOptions {
  /** Operation keys (`GET /v1/invoices/{id}`; parameter names do not matter) to judge; all when absent. */
  operations?: readonly string[];
  /** How findings are judged (connector name, overrides, usage, ignore entries); a plain spec diff by default. */
  judge?: Omit<ClassifyContext, 'rules'>;
  /**
   * A connector's endpoints (endpoint id -> the operation it calls): each change is judged at every endpoint it
   * reaches, with the body paths the live checks use (so the connector's contracts decide what matters), then
   * folded back into one finding per change.
   */
  endpoints?: ReadonlyMap<string, string>;
  rules?: readonly AnyRule[];
  /** Run the json-schema-diff cross-check on in-scope responses only rules could not explain (default true). */
  crossCheck?: boolean;
  /** Deadline of one cross-check run (default 5 s). */
  crossCheckTimeoutMs?: number;
  /** The run's "now", for sunset dates (never the clock: the caller passes it). */
  now?: Date;
  /** A sunset this many days away or closer is a warning (default 30). */
  sunsetWarnDays?: number;
  /** The schema walk's budget in comparisons (default 5,000,000). */
  maxSteps?: number;
}

const scopeKeyOf = (method: string, path: string): string => `${method.toUpperCase()} ${templateOf(path)}`;
const scopeKeyOfOp = (op: SpecOperation): string => (op.key.startsWith('webhook ') ? op.key : scopeKeyOf(op.method, op.path));

/** `GET /v1/invoices/{id}` -> scope key `GET /v1/invoices/{}`; anything unparsable is returned as is. */
export function normalizeOperationKey(key: string): string {
  if (key.startsWith('webhook ')) return key;
  const [method, ...rest] = key.trim().split(/\s+/);
  return rest.length === 0 || !method ? key : scopeKeyOf(method, rest.join(' '));
}

/** What a spec diff saw, before judgement: observations in scope and outside it, and the places graph. */
export interface SpecDiffObserved {
  inScope: Observation[];
  outside: Observation[];
  outsideOperations: number;
  scope?: string[];
  unknownOperations: string[];
  operations: { before: number; after: number };
  crossCheck: { ran: number; skipped: number; timedOut: number };
  notJudged: string[];
  /** The operations a component's change on one side reaches (in scope, when scoped); undefined for any other place. */
  reachesOf(place: string, location: DeltaLocation): string[] | undefined;
  /**
   * The observation at each operation it reaches (among `operations`, by scope key), with concrete paths: itself
   * for an operation's own observation, up to a few paths per operation for a component's.
   */
  expand(observation: Observation, operations: ReadonlySet<string>): Array<{ operation: string; path: string }>;
}

/** Spec vs spec, judged: one finding per change, in scope, breaking first. */
export async function diffSpecs(oldDoc: OpenApiDocument, newDoc: OpenApiDocument, options: DiffSpecsOptions = {}): Promise<SpecDiffResult> {
  const observed = await observeSpecDiff(oldDoc, newDoc, options);
  const rules = options.rules;
  const plain = { connector: '', ...(rules ? { rules } : {}) };
  const changes = options.endpoints
    ? judgeAtEndpoints(observed, options.endpoints, { ...plain, ...options.judge }, rules ?? catalogue)
    : withReaches(classify(observed.inScope, { ...plain, ...options.judge }), observed, rules ?? catalogue);
  const outsideFindings = classify(observed.outside, plain);
  return {
    changes,
    summary: summarize(changes),
    outOfScope: { changes: outsideFindings.length, operations: observed.outsideOperations, ...summarize(outsideFindings) },
    ...(observed.scope ? { scope: observed.scope } : {}),
    unknownOperations: observed.unknownOperations,
    operations: observed.operations,
    crossCheck: observed.crossCheck,
    notJudged: observed.notJudged,
  };
}

/** The location each kind of delta sits at (a kind has one), to tell a component's response and request findings apart. */
function locationOfRule(rules: readonly AnyRule[], kinds: ReadonlyMap<string, DeltaLocation>): (rule: string) => DeltaLocation | undefined {
  const byId = new Map(rules.map((r) => [r.id, r.on]));
  return (rule) => {
    const kind = byId.get(rule);
    return kind === undefined ? undefined : kinds.get(kind);
  };
}

function withReaches(findings: Finding[], observed: SpecDiffObserved, rules: readonly AnyRule[]): Finding[] {
  const kinds = new Map<string, DeltaLocation>();
  for (const o of observed.inScope) kinds.set(o.delta.kind, o.delta.location);
  const locate = locationOfRule(rules, kinds);
  for (const finding of findings) {
    const location = locate(finding.rule);
    if (location === undefined) continue;
    const reaches = observed.reachesOf(finding.endpoint, location);
    if (reaches !== undefined) finding.reaches = reaches;
  }
  return findings;
}

const SUCCESS_BODY = /^response 2\d\d \S*json\S* (\$.*)$/i;

/** A spec-diff observation at one of a connector's endpoints: a success JSON body's path is the live checks' path. */
export function atEndpoint(observation: Observation, endpoint: string, operation: string, path: string): Observation {
  const delta = { ...observation.delta, path: endpointPath(operation, path) } as Delta;
  // A rename's other half moves with it (its path was written for the place the change sits at).
  if (delta.kind === 'property-removed' && delta.renamedTo !== undefined) delta.renamedTo = endpointPath(operation, swapTail(path, observation.delta.path, delta.renamedTo));
  if (delta.kind === 'property-added' && delta.renamedFrom !== undefined) delta.renamedFrom = { ...delta.renamedFrom, path: endpointPath(operation, swapTail(path, observation.delta.path, delta.renamedFrom.path)) };
  return { ...observation, endpoint, delta };
}

function endpointPath(operation: string, path: string): string {
  return SUCCESS_BODY.exec(path)?.[1] ?? `${operation} ${path}`;
}

/** `placed` is `original` seen from elsewhere (same tail); the same holds for `other`, which shares original's prefix. */
function swapTail(placed: string, original: string, other: string): string {
  let common = 0;
  while (common < original.length && common < other.length && original[common] === other[common]) common++;
  const head = placed.slice(0, placed.length - (original.length - common));
  return head + other.slice(common);
}

/** Endpoint ids by the scope key of the operation they call. */
export function endpointsByOperation(used: ReadonlyMap<string, string>): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const [endpoint, operation] of used) {
    const key = normalizeOperationKey(operation);
    out.set(key, [...(out.get(key) ?? []), endpoint]);
  }
  return out;
}

/**
 * The consumer's judgement of each change: judged at every endpoint of the connector it reaches (its pacts pin body
 * paths there, its ignore entries name them), then folded back into one finding per change at the change's place,
 * with the worst severity any endpoint got and the operations it reaches.
 */
function judgeAtEndpoints(observed: SpecDiffObserved, used: ReadonlyMap<string, string>, ctx: ClassifyContext, rules: readonly AnyRule[]): Finding[] {
  const byOperation = endpointsByOperation(used);
  const scope = new Set(byOperation.keys());
  const kinds = new Map<string, DeltaLocation>();
  const expanded: Observation[] = [];
  const originOf = new Map<string, Observation>();
  const keyOf = (endpoint: string, kind: string, path: string): string => `${endpoint}\u0000${kind}\u0000${path}`;
  for (const observation of observed.inScope) {
    kinds.set(observation.delta.kind, observation.delta.location);
    if (observation.endpoint === '*') {
      expanded.push(observation);
      originOf.set(keyOf('*', observation.delta.kind, observation.delta.path), observation);
      continue;
    }
    for (const { operation, path } of observed.expand(observation, scope)) {
      for (const endpoint of byOperation.get(normalizeOperationKey(operation)) ?? []) {
        const placed = atEndpoint(observation, endpoint, operation, path);
        expanded.push(placed);
        originOf.set(keyOf(endpoint, placed.delta.kind, placed.delta.path), observation);
      }
    }
  }
  const ruleKind = new Map(rules.map((r) => [r.id, r.on]));
  const judged = classify(expanded, ctx);
  const groups = new Map<string, { finding: Finding; operations: Set<string> }[]>();
  for (const finding of judged) {
    const origin = originOf.get(keyOf(finding.endpoint, ruleKind.get(finding.rule) ?? '', finding.path));
    if (!origin) continue;
    const key = `${origin.endpoint}\u0000${origin.delta.path}\u0000${finding.rule}`;
    const operation = finding.endpoint === '*' ? undefined : used.get(finding.endpoint);
    const list = groups.get(key) ?? [];
    list.push({ finding, operations: new Set(operation ? [operation] : []) });
    groups.set(key, list);
  }
  const plainFindings = classify(observed.inScope, { connector: ctx.connector, ...(ctx.rules ? { rules: ctx.rules } : {}) });
  const locate = locationOfRule(rules, kinds);
  const out: Finding[] = [];
  for (const plain of plainFindings) {
    const group = groups.get(`${plain.endpoint}\u0000${plain.path}\u0000${plain.rule}`);
    if (!group || group.length === 0) continue;
    const worst = [...group].sort((a, b) => compareSeverity(a.finding.severity, b.finding.severity))[0]!.finding;
    const folded: Finding = {
      ...plain,
      connector: ctx.connector,
      severity: worst.severity,
      message: worst.message.endsWith(')') && worst.message.includes('not used by any contract') ? `${plain.message} (not used by any contract)` : plain.message,
      fingerprint: fingerprintOf(ctx.connector, plain.endpoint, plain.rule, plain.path),
    };
    const pins = group.map((g) => g.finding.pinned);
    if (pins.some((p) => p === true)) folded.pinned = true;
    else if (pins.length > 0 && pins.every((p) => p === false)) folded.pinned = false;
    else delete folded.pinned;
    const suppressed = group.every((g) => g.finding.suppressed) ? group[0]!.finding.suppressed : undefined;
    if (suppressed) folded.suppressed = suppressed;
    else delete folded.suppressed;
    const location = locate(plain.rule);
    const reaches = location === undefined ? undefined : observed.reachesOf(plain.endpoint, location);
    if (reaches !== undefined) folded.reaches = reaches.filter((op) => scope.has(normalizeOperationKey(op)));
    out.push(folded);
  }
  return out.sort((a, b) => compareSeverity(a.severity, b.severity) || (a.endpoint < b.endpoint ? -1 : a.endpoint > b.endpoint ? 1 : 0) || (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

/** Spec vs spec, observed: the typed deltas of every operation (scoped) and of the document, not yet judged. */
export async function observeSpecDiff(
  oldInput: OpenApiDocument,
  newInput: OpenApiDocument,
  options: Pick<DiffSpecsOptions, 'operations' | 'rules' | 'crossCheck' | 'crossCheckTimeoutMs' | 'now' | 'sunsetWarnDays' | 'maxSteps'> & { walkAll?: boolean } = {},
): Promise<SpecDiffObserved> {
  const [oldDoc, newDoc] = await Promise.all([asOpenApi3(oldInput), asOpenApi3(newInput)]);
  const scope = options.operations ? new Set(options.operations.map(normalizeOperationKey)) : undefined;
  const inScopeKey = (key: string | null): boolean => scope === undefined || key === null || scope.has(key);
  const budget = createWalkBudget(options.maxSteps);
  const read = createSchemaDiffEnv(oldDoc, newDoc, 'response', budget);
  const write = createSchemaDiffEnv(oldDoc, newDoc, 'request', budget);
  const roots = new Map<string, RootInfo>();
  const direct: Array<{ operation: string | null; delta: Delta }> = [];

  const oldOps = new Map([...listOperations(oldDoc), ...listWebhooks(oldDoc)].map((op) => [scopeKeyOfOp(op), op]));
  const newOps = new Map([...listOperations(newDoc), ...listWebhooks(newDoc)].map((op) => [scopeKeyOfOp(op), op]));
  const newTemplates = new Set([...newOps.values()].map((op) => op.template));
  const pairs: OperationPair[] = [];
  for (const [key, before] of oldOps) pairs.push({ key, before, after: newOps.get(key) });
  for (const [key, after] of newOps) if (!oldOps.has(key)) pairs.push({ key, after });
  // Out-of-scope operations are still walked when the caller sums them up (`diff --connector`); the scan does not.
  const walked = pairs.filter((p) => options.walkAll !== false || inScopeKey(p.key));
  const warn = options.sunsetWarnDays ?? 30;

  for (const pair of walked) {
    const operation = (pair.after ?? pair.before)!.key;
    compareOperations(oldDoc, newDoc, pair, newTemplates, {
      ...(options.now ? { now: options.now } : {}),
      warnDays: warn,
      delta: (delta) => direct.push({ operation, delta }),
      schema: (side, label, container, before, after) => {
        const root = `${operation}\u0000${label}`;
        roots.set(root, { operation, label, container });
        diffRoot(side === 'response' ? read : write, root, before, after);
      },
    });
  }
  for (const delta of diffDocumentWide(oldDoc, newDoc)) direct.push({ operation: null, delta });

  const graphs = { response: new PlaceGraph(read.edges, roots), request: new PlaceGraph(write.edges, roots) };
  const observations: Array<{ observation: Observation; scopeKeys: Array<string | null> }> = [];
  const scopeKeyByOperation = new Map(pairs.map((p) => [(p.after ?? p.before)!.key, p.key]));
  for (const { operation, delta } of direct) {
    observations.push({ observation: { source: 'spec-diff', endpoint: operation ?? '*', delta }, scopeKeys: [operation === null ? null : (scopeKeyByOperation.get(operation) ?? operation)] });
  }
  for (const env of [read, write]) {
    const graph = graphs[env.side];
    for (const { place, rel, fact } of env.facts) {
      const root = roots.get(place);
      const container: Container = root ? root.container : env.side === 'response' ? 'response' : 'body';
      const path = root ? rootPath(root, rel) : `$${rel}`;
      const delta = typedSpecDelta(fact, container, path);
      if (delta === undefined) continue;
      const endpoint = root ? root.operation : place;
      const reaches = root ? [root.operation] : graph.reachesOf(place);
      // A component nothing reaches (a schema only walked through an unused branch) has no operation to speak for.
      if (reaches.length === 0) continue;
      observations.push({ observation: { source: 'spec-diff', endpoint, delta }, scopeKeys: reaches.map((op) => scopeKeyByOperation.get(op) ?? op) });
    }
  }

  const inScope: Observation[] = [];
  const outside: Observation[] = [];
  const outsideOps = new Set<string>();
  for (const { observation, scopeKeys } of observations) {
    if (scopeKeys.some(inScopeKey)) inScope.push(observation);
    else {
      outside.push(observation);
      for (const key of scopeKeys) if (key !== null) outsideOps.add(key);
    }
  }

  const reachesOf = (place: string, location: DeltaLocation): string[] | undefined => {
    if (place === '*' || scopeKeyByOperation.has(place)) return undefined;
    const all = (location === 'request' ? graphs.request : graphs.response).reachesOf(place);
    return scope === undefined ? all : all.filter((op) => scope.has(scopeKeyByOperation.get(op) ?? op));
  };
  const expand = (observation: Observation, operations: ReadonlySet<string>): Array<{ operation: string; path: string }> => {
    if (observation.endpoint === '*') return [];
    if (scopeKeyByOperation.has(observation.endpoint)) {
      return operations.has(scopeKeyByOperation.get(observation.endpoint)!) ? [{ operation: observation.endpoint, path: observation.delta.path }] : [];
    }
    const graph = observation.delta.location === 'request' ? graphs.request : graphs.response;
    const rel = observation.delta.path.startsWith('$') ? observation.delta.path.slice(1) : '';
    const out: Array<{ operation: string; path: string }> = [];
    for (const operation of graph.reachesOf(observation.endpoint)) {
      if (!operations.has(scopeKeyByOperation.get(operation) ?? operation)) continue;
      for (const { root, rel: via } of graph.pathsTo(operation, observation.endpoint)) out.push({ operation, path: rootPath(root, via + rel) });
    }
    return out;
  };

  const inScopeOperation = (op: string): boolean => inScopeKey(scopeKeyByOperation.get(op) ?? op);
  const inScopePlace = (place: string): boolean => {
    const root = roots.get(place);
    return root ? inScopeOperation(root.operation) : graphs.response.reachesOf(place).some(inScopeOperation);
  };
  const crossCheck = await runCrossChecks(oldDoc, newDoc, roots, read, inScopePlace, options, budget.notes);
  for (const observation of crossCheck.observations) inScope.push(observation);

  const unknownOperations = scope ? [...scope].filter((key) => !oldOps.has(key) && !newOps.has(key)) : [];
  const countable = (ops: Map<string, SpecOperation>): number => [...ops.values()].filter((op) => !op.key.startsWith('webhook ')).length;
  return {
    inScope,
    outside,
    outsideOperations: outsideOps.size,
    ...(options.operations ? { scope: [...options.operations] } : {}),
    unknownOperations,
    operations: { before: countable(oldOps), after: countable(newOps) },
    crossCheck: crossCheck.counts,
    notJudged: budget.notes,
    reachesOf,
    expand,
  };
}

/** A Swagger 2.0 document is read as the OpenAPI 3 it converts to; 3.x documents are used as they are. */
async function asOpenApi3(doc: OpenApiDocument): Promise<OpenApiDocument> {
  return specVersionOf(doc) === 'swagger-2.0' ? convertToOpenApi3(doc) : doc;
}

/**
 * The set-based cross-check, for what the rules could not explain: an in-scope place (a component, or an inline
 * response schema) whose only news is a keyword driftwatch does not model. If json-schema-diff finds the new schema
 * accepts more, that is `schema-widened` at the same place. Each run has a deadline; past it, the place is "not
 * judged" (said so), never a hang.
 */
async function runCrossChecks(
  oldDoc: OpenApiDocument,
  newDoc: OpenApiDocument,
  roots: ReadonlyMap<string, RootInfo>,
  read: SchemaDiffEnv,
  inScopePlace: (place: string) => boolean,
  options: Pick<DiffSpecsOptions, 'crossCheck' | 'crossCheckTimeoutMs'>,
  notes: string[],
): Promise<{ counts: { ran: number; skipped: number; timedOut: number }; observations: Observation[] }> {
  const counts = { ran: 0, skipped: 0, timedOut: 0 };
  const observations: Observation[] = [];
  if (options.crossCheck === false) return { counts, observations };
  const kinds = new Map<string, Set<string>>();
  for (const { place, fact } of read.facts) kinds.set(place, new Set([...(kinds.get(place) ?? []), fact.kind]));
  const candidates = [...kinds].filter(([place, set]) => set.size === 1 && set.has('keyword') && inScopePlace(place)).map(([place]) => place);
  if (candidates.length === 0) return { counts, observations };
  const checker = createCrossChecker({ timeoutMs: options.crossCheckTimeoutMs ?? DEFAULT_CROSS_CHECK_TIMEOUT_MS });
  try {
    for (const place of candidates) {
      const root = roots.get(place);
      const [refBefore, refAfter] = place.split(' → ');
      const schemas = root ? read.rootSchemas.get(place) : { before: { $ref: refBefore }, after: { $ref: refAfter ?? refBefore } };
      if (!schemas) continue;
      const where = root ? `${root.operation} ${root.label}` : place;
      const verdict = await checker.check(oldDoc, newDoc, schemas.before, schemas.after);
      if (verdict.kind === 'skipped') {
        counts.skipped++;
        continue;
      }
      if (verdict.kind === 'timed-out') {
        counts.timedOut++;
        notes.push(`${where}: ${verdict.reason}; the change there is reported by its rule alone`);
        continue;
      }
      counts.ran++;
      if (!verdict.widened) continue;
      observations.push({
        source: 'spec-diff',
        endpoint: root ? root.operation : place,
        delta: { kind: 'schema-widened', location: 'response', path: root ? rootPath(root, '') : '$', ...(root ? { operation: root.operation } : {}) },
      });
    }
  } finally {
    await checker.close();
  }
  return { counts, observations };
}

export { operationKey };
