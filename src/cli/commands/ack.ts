// `driftwatch ack <drift> --note "..."`: acknowledge a drift and record its root cause for the incident history.
import { loadConnectors } from '../../config/load-connectors.js';
import { redactNote } from '../../core/redact.js';
import { inputError } from '../../errors.js';
import { authEnvNames } from '../../sampler/auth.js';
import type { DriftRecord, HistoryStore } from '../../store/history-store.js';
import { withStore, type RootFlags } from '../context.js';
import { ExitCode } from '../exit.js';
import { painter, type CliIo } from '../io.js';

export interface AckFlags extends RootFlags {
  /** A drift id (`6` or `#6`), a fingerprint, or an unambiguous fingerprint prefix. */
  drift: string;
  note?: string;
  format?: 'text' | 'json';
}

/** Fingerprints are 12 hex characters; a shorter prefix is accepted from this length on. */
const MIN_PREFIX = 4;

export async function ackCommand(flags: AckFlags, io: CliIo): Promise<number> {
  if (flags.note !== undefined && flags.note.trim() === '') throw inputError('--note must not be empty: say what caused the drift');
  const paint = painter(io.color);
  return withStore(flags, io, async (store, root) => {
    const drift = await findDrift(store, flags.drift);
    // Notes are free text typed under pressure: a pasted token must not end up in the history store.
    const { connectors } = await loadConnectors(root);
    const secrets = connectors.flatMap((c) => authEnvNames(c.auth).map((name) => io.env[name] ?? '')).filter((v) => v.length >= 4);
    const note = flags.note === undefined ? undefined : redactNote(flags.note, secrets);
    const saved = await store.acknowledgeDrift(drift.id, note, io.now().toISOString());
    if (!saved) throw inputError(`drift #${drift.id} disappeared while acknowledging it`);
    if (flags.format === 'json') {
      io.stdout(`${JSON.stringify({ drift: saved }, null, 2)}\n`);
      return ExitCode.clean;
    }
    const what = `#${saved.id} ${saved.connector}/${saved.endpoint} ${saved.rule} ${saved.path}`;
    const verb = saved.status === 'acknowledged' ? 'acknowledged' : `note added to ${saved.status} drift`;
    io.stdout(`${paint('green', verb)} ${what}\n`);
    if (saved.note) io.stdout(`  root cause: ${saved.note}\n`);
    else io.stdout(paint('gray', '  no root-cause note yet: add one with --note "..." so the incident history says why\n'));
    return ExitCode.clean;
  });
}

async function findDrift(store: HistoryStore, given: string): Promise<DriftRecord> {
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
