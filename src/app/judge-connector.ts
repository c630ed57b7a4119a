// One connector's samples through every scan check and the core's one judgement: what scan and accept both do.
import { classify, type Observation } from '../core/classify.js';
import type { Connector, Finding, SampleOutcome, ScanError } from '../core/model.js';
import type { ConsumerUsage } from '../core/usage.js';
import type { LearnedBaseline, RunScope } from '../store/history-store.js';
import type { CheckInput, ShapeEvidence } from './checks/check.js';
import { scanChecks } from './checks/index.js';
import type { SnapshotRead } from './snapshot-files.js';

export interface JudgeInput {
  root: string;
  env: Readonly<Record<string, string | undefined>>;
  now: Date;
  usage: ConsumerUsage;
  snapshots?: ReadonlyMap<string, Promise<SnapshotRead>>;
  learned?: ReadonlyMap<string, LearnedBaseline>;
}

export interface JudgedConnector {
  changes: Finding[];
  errors: ScanError[];
  observed: RunScope['observed'];
  shapes: ShapeEvidence[];
}

export async function judgeConnector(connector: Connector, outcomes: readonly SampleOutcome[], options: JudgeInput): Promise<JudgedConnector> {
  const input: CheckInput = {
    root: options.root,
    connector,
    outcomes,
    env: options.env,
    now: options.now,
    ...(options.snapshots ? { snapshots: options.snapshots } : {}),
    ...(options.learned ? { learned: options.learned } : {}),
  };
  const errors: ScanError[] = outcomes.flatMap((o) =>
    o.ok ? [] : [{ connector: connector.name, endpoint: o.failure.endpoint, kind: o.failure.kind, message: o.failure.message }],
  );
  const observations: Observation[] = [];
  const observed: RunScope['observed'] = [];
  const shapes: ShapeEvidence[] = [];
  for (const check of scanChecks) {
    const output = await check.run(input);
    observations.push(...output.observations);
    errors.push(...output.errors);
    observed.push(...output.observed);
    shapes.push(...(output.shapes ?? []));
  }
  const changes = classify(observations, {
    connector: connector.name,
    severity: connector.severity,
    usage: options.usage,
    ignore: connector.ignore,
    today: options.now.toISOString().slice(0, 10),
  });
  return { changes, errors, observed, shapes };
}
