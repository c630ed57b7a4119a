// Accepting a connector's event types: the shape of the deliveries seen since each type's last accept becomes its
// baseline (snapshots/<connector>/events/<type>.json), merged with the evidence so far by the rules endpoint
// snapshots follow (the places of the changes being accepted give way), and the type's drifts are settled.
import { mergeShapes } from '../core/baseline.js';
import type { Connector, ScanError } from '../core/model.js';
import { snapshotFromShape } from '../core/snapshot.js';
import { eventTypeOf } from '../events/delivery.js';
import type { AcceptedSnapshot } from '../report/model/accept.js';
import type { BaselineStore } from '../store/ports/baselines.js';
import type { FindingStore } from '../store/ports/findings.js';
import { UNACCEPTED } from './checks/event-check.js';
import { seenPlace } from './judge-deliveries.js';
import { readSnapshot, writeSnapshot } from './snapshot-files.js';

export interface AcceptEventsResult {
  written: AcceptedSnapshot[];
  acceptedDrifts: number;
  errors: ScanError[];
}

/** `place` (`event:<type>`) accepts that type only. */
export async function acceptEvents(input: { root: string; store: BaselineStore & FindingStore; connector: Connector; at: string; place?: string }): Promise<AcceptEventsResult> {
  const { root, store, connector, at } = input;
  const result: AcceptEventsResult = { written: [], acceptedDrifts: 0, errors: [] };
  const rows = new Map((await store.readBaselines(connector.name)).map((b) => [b.endpoint, b]));
  const places = [...rows.keys()].filter((key) => key.endsWith('#seen')).map((key) => key.slice(0, -'#seen'.length)).filter((place) => eventTypeOf(place) !== undefined && (input.place === undefined || place === input.place));
  for (const place of places.sort()) {
    const seen = rows.get(seenPlace(place))!;
    const read = await readSnapshot(root, connector.name, place);
    if (read.kind === 'invalid') {
      result.errors.push({ connector: connector.name, endpoint: place, kind: 'config', message: `${read.problem.file} ${read.problem.message}` });
      continue;
    }
    const version = read.kind === 'found' ? read.version : UNACCEPTED;
    // Nothing delivered since the type's last accept: its baseline stays as it is.
    if (seen.snapshotVersion !== version) continue;
    const learned = rows.get(place);
    const current = learned !== undefined && learned.snapshotVersion === version ? learned : undefined;
    const previous = read.kind !== 'found' ? undefined : current === undefined ? read.snapshot.schema : mergeShapes(read.snapshot.schema, current.schema);
    const open = await store.listDrifts({ connector: connector.name, endpoint: place });
    const reset = new Set(open.filter((d) => (d.status === 'open' || d.status === 'acknowledged') && d.severity !== 'info' && d.path.startsWith('$')).map((d) => d.path));
    const snapshot = snapshotFromShape({
      connector: connector.name,
      endpoint: place,
      method: 'POST',
      path: `/hooks/${connector.name}`,
      status: 200,
      contentType: 'application/json',
      samples: seen.schema['x-seen'] ?? seen.runs,
      acceptedAt: at,
      fresh: seen.schema,
      ...(previous !== undefined ? { previous } : {}),
      reset,
    });
    const file = await writeSnapshot(root, snapshot);
    result.written.push({ connector: connector.name, endpoint: place, file, status: 200, samples: snapshot.samples });
    result.acceptedDrifts += await store.acceptDrifts(connector.name, place, at);
  }
  return result;
}
