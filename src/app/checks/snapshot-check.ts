// The snapshot check: this run's samples vs the accepted snapshot of each endpoint, with the evidence learned since.
import type { Observation } from '../../core/classify.js';
import type { Sample, ScanError } from '../../core/model.js';
import { readSnapshot } from '../snapshot-files.js';
import type { CheckInput, CheckOutput, ConnectorCheck, ShapeEvidence } from './check.js';
import { judgeShape } from './judge-shape.js';

export const snapshotCheck: ConnectorCheck = {
  name: 'snapshot',
  async run({ root, connector, outcomes, snapshots, learned }: CheckInput): Promise<CheckOutput> {
    const observations: Observation[] = [];
    const errors: ScanError[] = [];
    const observed: CheckOutput['observed'] = [];
    const shapes: ShapeEvidence[] = [];
    // Snapshots are read in parallel: a connector with many endpoints should not wait on one file at a time.
    const checked = await Promise.all(
      connector.endpoints.map(async (endpoint) => {
        const samples = outcomes
          .filter((o): o is { ok: true; sample: Sample } => o.ok && o.sample.endpoint === endpoint.id)
          .map((o) => o.sample);
        if (samples.length === 0) return undefined; // the failure itself is reported by the scan
        return { endpoint, samples, read: await (snapshots?.get(endpoint.id) ?? readSnapshot(root, connector.name, endpoint.id)) };
      }),
    );
    for (const entry of checked) {
      if (!entry) continue;
      const { endpoint, samples, read } = entry;
      if (read.kind === 'missing') {
        errors.push({
          connector: connector.name,
          endpoint: endpoint.id,
          kind: 'no-snapshot',
          message: `no accepted snapshot yet: run \`driftwatch accept --connector ${connector.name} --endpoint ${endpoint.id}\``,
        });
        continue;
      }
      if (read.kind === 'invalid') {
        const where = read.problem.line ? `${read.problem.file}:${read.problem.line}` : read.problem.file;
        errors.push({ connector: connector.name, endpoint: endpoint.id, kind: 'config', message: `${where} ${read.problem.message}` });
        continue;
      }
      const judged = judgeShape({ source: 'snapshot', place: endpoint.id, samples, snapshot: read.snapshot, version: read.version, learned: learned?.get(endpoint.id) });
      observations.push(...judged.observations);
      if (judged.shape) shapes.push(judged.shape);
      observed.push({ connector: connector.name, endpoint: endpoint.id, source: 'snapshot' });
    }
    return { observations, errors, observed, shapes };
  },
};
