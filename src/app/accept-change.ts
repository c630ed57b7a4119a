// `accept --change`: turns one known drift into an `ignore:` entry of its connector.yaml, keeping the file's comments.
import { readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { isMap, isSeq, parseDocument, YAMLSeq } from 'yaml';
import type { IgnoreEntry } from '../core/model.js';
import { redactNote } from '../core/redact.js';
import { CONNECTOR_FILE } from '../config/load-connectors.js';
import { inputError } from '../errors.js';
import type { AcceptChangeResult } from '../report/model/accept.js';
import type { FindingStore } from '../store/ports/findings.js';
import { credentialValues } from './credential-values.js';

export interface AcceptChangeOptions {
  /** Expiry date (YYYY-MM-DD) of the entry; default `days` after `now`. */
  expires?: string;
  /** Default 90: an acceptance is a decision to revisit, not forever. */
  days?: number;
  now?: Date;
  /**
   * The environment the connectors' credentials are read from: their values are removed from the reason and the
   * name before either is written (connector.yaml is committed). Credential-shaped text is removed regardless.
   */
  env?: Readonly<Record<string, string | undefined>>;
}

export type { AcceptChangeResult };

const DEFAULT_DAYS = 90;

/**
 * Writes (or refreshes) the ignore entry for the drift with this fingerprint into
 * contracts/<connector>/connector.yaml and acknowledges the drift in the store with the reason.
 */
export async function acceptChange(
  root: string,
  fingerprint: string,
  reason: string,
  by: string,
  store: FindingStore,
  options: AcceptChangeOptions = {},
): Promise<AcceptChangeResult> {
  if (reason.trim() === '') throw inputError('--reason is required: say why this change is fine, for whoever reads the connector file next');
  const drift = await store.getDrift(fingerprint);
  if (!drift) throw inputError(`no drift with fingerprint ${fingerprint} in the history (see \`driftwatch history\`)`);
  const now = options.now ?? new Date();
  const expires = options.expires ?? new Date(now.getTime() + (options.days ?? DEFAULT_DAYS) * 86_400_000).toISOString().slice(0, 10);
  if (!isCalendarDate(expires)) throw inputError(`expiry "${expires}" must be a date (YYYY-MM-DD)`);
  const secrets = await credentialValues(root, options.env ?? {});
  const entry: IgnoreEntry = { rule: drift.rule, path: drift.path, reason: redactNote(reason, secrets), acceptedBy: redactNote(by, secrets), expires };

  const file = join(root, 'contracts', drift.connector, CONNECTOR_FILE);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw inputError(`${file} does not exist: the drift's connector "${drift.connector}" is gone`);
    throw error;
  }
  const doc = parseDocument(text);
  if (doc.errors.length > 0) throw inputError(`${file} is not valid YAML: ${doc.errors[0]?.message ?? ''}`);
  if (!isMap(doc.contents)) throw inputError(`${file} must be a mapping at the top level`);
  let list = doc.get('ignore', true);
  if (!isSeq(list)) {
    list = new YAMLSeq();
    doc.set('ignore', list);
  }
  const seq = list as YAMLSeq;
  const existing = seq.items.find((item) => isMap(item) && item.get('rule') === entry.rule && item.get('path') === entry.path);
  if (existing && isMap(existing)) {
    for (const [key, value] of Object.entries(entry)) existing.set(key, value);
  } else {
    seq.items.push(doc.createNode({ ...entry }));
  }
  // Through a temp file and a rename: a killed accept never leaves half a connector file.
  const temp = `${file}.${process.pid}.tmp`;
  await writeFile(temp, doc.toString(), 'utf8');
  await rename(temp, file);
  const note = `ignored by ${entry.acceptedBy} until ${expires}: ${entry.reason}`;
  await store.ignoreDrift(fingerprint, note, now.toISOString(), entry.acceptedBy);
  return { file, entry, drift, updated: existing !== undefined };
}

/** YYYY-MM-DD naming a day that exists (2026-02-29 and 2026-13-45 do not). */
function isCalendarDate(text: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}
