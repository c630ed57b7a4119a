// The snapshot check: this run's samples vs the accepted snapshot of each endpoint, with the evidence learned since.
import type { Observation } from '../../core/classify.js';
import { mergeShapes } from '../../core/baseline.js';
import { diffSnapshot } from '../../core/diff.js';
import { inferShape } from '../../core/infer.js';
import type { Sample, ScanError } from '../../core/model.js';
import { readSnapshot } from '../snapshot-files.js';
import type { CheckInput, CheckOutput, ConnectorCheck, ShapeEvidence } from './check.js';

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
      // Evidence learned for an older version of the snapshot was folded into this one when it was accepted.
      const known = learned?.get(endpoint.id);
      const current = known !== undefined && known.snapshotVersion === read.version ? known : undefined;
      const baseline = current === undefined ? read.snapshot.schema : mergeShapes(read.snapshot.schema, current.schema);
      const last = samples[samples.length - 1]!;
      const schema = inferShape(samples.map((s) => s.body), { values: 'all' });
      const deltas = diffSnapshot({ ...read.snapshot, schema: baseline }, { status: last.status, contentType: last.contentType, schema, samples: samples.length });
      const renames = new Map<string, string>();
      for (const delta of deltas) {
        observations.push({ source: 'snapshot', endpoint: endpoint.id, delta });
        if (delta.kind === 'property-removed' && delta.renamedTo !== undefined) renames.set(delta.path, delta.renamedTo);
      }
      // Only answers of the accepted kind teach the baseline: an error page is not evidence about the resource.
      if (last.status === read.snapshot.response.status) {
        shapes.push({ endpoint: endpoint.id, snapshotVersion: read.version, learned: current, baseline, observed: schema, renames });
      }
      observed.push({ connector: connector.name, endpoint: endpoint.id, source: 'snapshot' });
    }
    return { observations, errors, observed, shapes };
  },
};
