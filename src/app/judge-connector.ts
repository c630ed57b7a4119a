// One connector's samples through every scan check and the core's one judgement: what scan and accept both do.
import { classify } from '../core/classify.js';
import type { Connector, Finding, SampleOutcome, ScanError } from '../core/model.js';
import type { ConsumerUsage } from '../core/usage.js';
import type { LearnedBaseline, RunScope } from '../store/history-store.js';
import { runChecks, type CheckInput, type ShapeEvidence } from './checks/check.js';
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
  const failures: ScanError[] = outcomes.flatMap((o) =>
    o.ok ? [] : [{ connector: connector.name, endpoint: o.failure.endpoint, kind: o.failure.kind, message: o.failure.message }],
  );
  const { observations, errors: checkErrors, observed, shapes } = await runChecks(scanChecks, input);
  const errors = [...failures, ...checkErrors];
  const changes = classify(observations, {
    connector: connector.name,
    severity: connector.severity,
    usage: options.usage,
    ignore: connector.ignore,
    today: options.now.toISOString().slice(0, 10),
  });
  return { changes, errors, observed, shapes };
}
