// Reads and writes accepted snapshots: snapshots/<connector>/<endpoint>.json, stable and diff-friendly.
import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { ConfigProblem, Snapshot } from '../core/model.js';
import { parseSnapshot, stableStringify } from '../core/snapshot.js';

/** An event type's place (`event:invoice.paid`) keeps its baseline under events/ (`events/invoice.paid.json`). */
function snapshotPath(root: string, connector: string, endpoint: string): string {
  if (endpoint.startsWith('event:')) return join(root, 'snapshots', connector, 'events', `${endpoint.slice('event:'.length)}.json`);
  return join(root, 'snapshots', connector, `${endpoint}.json`);
}

/** `version` is a hash of the file's bytes: learned evidence belongs to one accepted version of a snapshot. */
export type SnapshotRead =
  | { kind: 'found'; snapshot: Snapshot; version: string }
  | { kind: 'missing' }
  | { kind: 'invalid'; problem: ConfigProblem };

export async function readSnapshot(root: string, connector: string, endpoint: string): Promise<SnapshotRead> {
  const file = snapshotPath(root, connector, endpoint);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return { kind: 'missing' };
    // One unreadable file is that endpoint's problem, not the whole run's.
    return { kind: 'invalid', problem: { file, message: `cannot be read (${code ?? String(error)})` } };
  }
  const parsed = parseSnapshot(text, file);
  if (parsed.snapshot) return { kind: 'found', snapshot: parsed.snapshot, version: createHash('sha256').update(text).digest('hex').slice(0, 16) };
  return { kind: 'invalid', problem: parsed.problem ?? { file, message: 'unreadable snapshot' } };
}

/** Writes through a temp file and a rename, so a killed accept never leaves half a snapshot. */
export async function writeSnapshot(root: string, snapshot: Snapshot): Promise<string> {
  const file = snapshotPath(root, snapshot.connector, snapshot.endpoint);
  await mkdir(dirname(file), { recursive: true });
  const temp = `${file}.${process.pid}.tmp`;
  await writeFile(temp, stableStringify(snapshot), 'utf8');
  await rename(temp, file);
  return file;
}
