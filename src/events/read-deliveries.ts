// Captured deliveries from files: JSON (one delivery or an array of them), JSONL (one per line) and HAR (the bodies
// of the recorded requests). Each comes out as the raw bytes a receiver would have got, with where it came from.
import { readFile, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { isRecord } from '../core/is-record.js';
import type { BodyLimits, JsonValue } from '../core/model.js';
import { checkComplexity } from '../sampler/complexity.js';
import type { RejectReason } from './delivery.js';

/** A capture file past this is refused unread: split it (each delivery is bounded by the connector's maxBodyBytes). */
export const MAX_CAPTURE_FILE_BYTES = 512 * 1024 * 1024;

export type RawDelivery =
  | { where: string; body: Buffer }
  | { where: string; rejected: { reason: RejectReason; message: string } };

export type CaptureRead = { ok: true; deliveries: RawDelivery[] } | { ok: false; message: string };

type Format = 'json' | 'jsonl' | 'har';

function formatOf(file: string, text: string): Format {
  const name = basename(file).toLowerCase();
  if (name.endsWith('.har')) return 'har';
  if (name.endsWith('.jsonl') || name.endsWith('.ndjson')) return 'jsonl';
  if (name.endsWith('.json')) return 'json';
  // No telling extension: a whole JSON document, else one per line.
  try {
    JSON.parse(text);
    return 'json';
  } catch {
    return 'jsonl';
  }
}

/** Reads one capture file. `limits` bounds each delivery of a JSON array before it is turned back into bytes. */
export async function readCapture(file: string, limits: BodyLimits): Promise<CaptureRead> {
  let text: string;
  try {
    const size = (await stat(file)).size;
    if (size > MAX_CAPTURE_FILE_BYTES) return { ok: false, message: `${file}: ${size} bytes, over the ${MAX_CAPTURE_FILE_BYTES}-byte limit for a capture file: split it` };
    text = await readFile(file, 'utf8');
  } catch (error) {
    return { ok: false, message: `${file}: cannot be read (${(error as NodeJS.ErrnoException).code ?? String(error)})` };
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const format = formatOf(file, text);
  if (format === 'jsonl') return { ok: true, deliveries: jsonLines(file, text) };
  let document: JsonValue;
  try {
    document = JSON.parse(text) as JsonValue;
  } catch (error) {
    // Not the parser's words: they quote the file, which may hold a secret.
    return { ok: false, message: `${file}: not JSON${error instanceof SyntaxError && /position \d+/.test(error.message) ? ` (at ${/position \d+/.exec(error.message)![0]})` : ''}` };
  }
  if (format === 'har') return harBodies(file, document);
  const items = Array.isArray(document) ? document : [document];
  return { ok: true, deliveries: items.map((item, i) => fromValue(Array.isArray(document) ? `${file}[${i}]` : file, item, limits)) };
}

/** One delivery per non-blank line: the bytes of the line, as a receiver would have got them. */
function jsonLines(file: string, text: string): RawDelivery[] {
  const deliveries: RawDelivery[] = [];
  const lines = text.split('\n');
  lines.forEach((line, i) => {
    if (line.trim() === '') return;
    deliveries.push({ where: `${file}:${i + 1}`, body: Buffer.from(line.replace(/\r$/, ''), 'utf8') });
  });
  return deliveries;
}

/** The body of every request a HAR file recorded with one (the deliveries a proxy or a browser captured). */
function harBodies(file: string, document: JsonValue): CaptureRead {
  const entries = isRecord(document) && isRecord(document.log) && Array.isArray(document.log.entries) ? document.log.entries : undefined;
  if (entries === undefined) return { ok: false, message: `${file}: not a HAR file (no log.entries)` };
  const deliveries: RawDelivery[] = [];
  entries.forEach((entry, i) => {
    const request = isRecord(entry) && isRecord(entry.request) ? entry.request : undefined;
    const postData = request && isRecord(request.postData) ? request.postData : undefined;
    if (postData === undefined || typeof postData.text !== 'string' || postData.text === '') return;
    const encoded = postData.encoding === 'base64';
    deliveries.push({ where: `${file}#entries[${i}]`, body: Buffer.from(postData.text, encoded ? 'base64' : 'utf8') });
  });
  return { ok: true, deliveries };
}

/** An item of a JSON array, bounded before it is serialised back (serialising recurses). */
function fromValue(where: string, value: JsonValue, limits: BodyLimits): RawDelivery {
  const complexity = checkComplexity(value, limits);
  if (!complexity.ok) return { where, rejected: { reason: 'too-complex', message: `${complexity.message}: not judged` } };
  return { where, body: Buffer.from(JSON.stringify(value), 'utf8') };
}
