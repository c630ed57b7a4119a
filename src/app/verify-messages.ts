// Verify step for message pacts: each asynchronous message interaction held to the captured webhook deliveries of its
// event type (the shape of the last batch judged, else the type's accepted baseline), by driftwatch's own matcher
// check (the pins and matchers a response interaction gets). One that cannot be checked says why: never a silent pass.
import type { Observation } from '../core/classify.js';
import type { Connector, ShapeSchema } from '../core/model.js';
import { comparePinsWithSnapshot } from '../pact/compare-snapshot.js';
import { messageEventType } from '../pact/messages.js';
import type { PactFile, PactMessage } from '../pact/pact-file.js';
import type { LearnedBaseline } from '../store/tables.js';
import { lastPlace } from './judge-deliveries.js';
import { readSnapshot } from './snapshot-files.js';

export interface MessageVerdict {
  pact: PactFile;
  description: string;
  /** The event place it was held to (`event:<type>`), when its type is known. */
  place?: string;
  /** Why it could not be checked; undefined when it was. */
  why?: string;
}

export async function checkMessages(
  root: string,
  connector: Connector,
  pacts: readonly PactFile[],
  learned: readonly LearnedBaseline[],
): Promise<{ observations: Observation[]; verdicts: MessageVerdict[] }> {
  const observations: Observation[] = [];
  const verdicts: MessageVerdict[] = [];
  const rows = new Map(learned.map((b) => [b.endpoint, b]));
  for (const pact of pacts) {
    for (const other of pact.unsupported) verdicts.push({ pact, description: other.description, why: `a ${other.type} interaction: driftwatch cannot check this kind` });
    for (const message of pact.messages) {
      const expected = messageEventType(connector, message);
      if ('why' in expected) {
        verdicts.push({ pact, description: message.description, why: expected.why });
        continue;
      }
      const place = `event:${expected.type}`;
      const shape = await deliveredShape(root, connector, place, rows);
      if (shape === undefined) {
        verdicts.push({ pact, description: message.description, place, why: `no delivery of ${expected.type} captured yet (driftwatch ingest or receive, then verify)` });
        continue;
      }
      for (const delta of comparePinsWithSnapshot(asExpectation(message), shape)) observations.push({ source: 'pact', endpoint: place, delta });
      verdicts.push({ pact, description: message.description, place });
    }
  }
  return { observations, verdicts };
}

/** The last batch of deliveries of the type when one was judged, else the accepted baseline of the type. */
async function deliveredShape(root: string, connector: Connector, place: string, rows: ReadonlyMap<string, LearnedBaseline>): Promise<ShapeSchema | undefined> {
  const last = rows.get(lastPlace(place));
  if (last !== undefined) return last.schema;
  const read = await readSnapshot(root, connector.name, place);
  return read.kind === 'found' ? read.snapshot.schema : undefined;
}

function asExpectation(message: PactMessage): { description: string; responseRules: PactMessage['rules']; responseBody?: PactMessage['content'] } {
  return { description: message.description, responseRules: message.rules, ...(message.content !== undefined ? { responseBody: message.content } : {}) };
}
