// The ack use case: find a drift by id, fingerprint or fingerprint prefix, acknowledge it, record its root cause.
import { redactNote } from '../core/redact.js';
import { inputError } from '../errors.js';
import type { AckResult } from '../report/model/history.js';
import type { DriftRecord, HistoryStore } from '../store/history-store.js';
import { credentialValues } from './credential-values.js';
import { resolveActor } from './actor.js';

export interface AckOptions {
  root: string;
  store: HistoryStore;
  /** A drift id (`6` or `#6`), a fingerprint, or an unambiguous fingerprint prefix. */
  drift: string;
  note?: string;
  /** Who acknowledges it (`--by`); default git's user.email, else the OS user. */
  by?: string;
  env: Readonly<Record<string, string | undefined>>;
  now: Date;
}

/** Fingerprints are 12 hex characters; a shorter prefix is accepted from this length on. */
const MIN_PREFIX = 4;

export async function acknowledge(options: AckOptions): Promise<AckResult> {
  if (options.note !== undefined && options.note.trim() === '') throw inputError('--note must not be empty: say what caused the drift');
  const drift = await findDrift(options.store, options.drift);
  // Notes are free text typed under pressure: a pasted token must not end up in the history store.
  const note = options.note === undefined ? undefined : redactNote(options.note, await credentialValues(options.root, options.env));
  const actor = redactNote(await resolveActor(options.by, options.root, options.env), await credentialValues(options.root, options.env));
  const saved = await options.store.acknowledgeDrift(drift.id, note, options.now.toISOString(), actor);
  if (!saved) throw inputError(`drift #${drift.id} disappeared while acknowledging it`);
  return { drift: saved, acknowledged: saved.status === 'acknowledged' };
}

/** A drift by id (`6`, `#6`), fingerprint or unambiguous fingerprint prefix; an input error naming the choices otherwise. */
export async function findDrift(store: HistoryStore, given: string): Promise<DriftRecord> {
  const key = given.trim().replace(/^#/, '');
  if (/^\d+$/.test(key)) {
    const byId = await store.getDrift(Number(key));
    if (byId) return byId;
  }
  const exact = await store.getDrift(key);
  if (exact) return exact;
  if (/^[0-9a-f]+$/i.test(key) && key.length >= MIN_PREFIX) {
    const matches = (await store.listDrifts({})).filter((d) => d.fingerprint.startsWith(key.toLowerCase()));
    if (matches.length === 1) return matches[0]!;
    if (matches.length > 1) {
      throw inputError(`"${given}" matches ${matches.length} drifts (${matches.map((d) => `#${d.id} ${d.fingerprint}`).join(', ')}): give more of the fingerprint`);
    }
  }
  throw inputError(`no drift "${given}": use an id or fingerprint from \`driftwatch history\``);
}
