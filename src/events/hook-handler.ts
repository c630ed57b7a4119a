// `POST /hooks/<connector>`: one webhook delivery read (bounded by the connector's maxBodyBytes), its signature
// checked, parsed, bounded and redacted, then answered at once (202) and handed on; or refused with a clear status.
// Nothing raw is kept: a refused body is dropped, an accepted one is already the redacted sample.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Connector, Sample } from '../core/model.js';
import { deliverySecrets } from './delivery-secrets.js';
import { readDelivery, REJECT_STATUS, type RejectReason } from './delivery.js';
import { verifySignature } from './signature.js';

/** Also refused: the signing secret's env var is unset (the receiver cannot tell a good delivery from a forged one). */
export type HookReject = RejectReason | 'no-secret' | 'method';

export const HOOK_PREFIX = '/hooks/';

export interface HookSink {
  /** The connectors that receive deliveries, by name (reloaded by the caller when it likes). */
  connector(name: string): Connector | undefined;
  env: Readonly<Record<string, string | undefined>>;
  now: () => Date;
  /** A delivery accepted: redacted, typed, answered 202. */
  accepted(connector: Connector, sample: Sample): void;
  /** A delivery refused (never judged); `connector` is undefined when the name is unknown. */
  rejected(connector: Connector | undefined, reason: HookReject, message: string): void;
  /** A signature checked: verified or not (the receiver judges bad signatures as findings). */
  signature(connector: Connector, ok: boolean, reason: string): void;
}

function answer(res: ServerResponse, status: number, body: Record<string, unknown>, close = false): void {
  res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store', ...(close ? { connection: 'close' } : {}) });
  res.end(`${JSON.stringify(body)}\n`);
}

/** Handles the request when its path is under /hooks/ (and says so); anything else is left to the caller. */
export function handleHook(req: IncomingMessage, res: ServerResponse, sink: HookSink): boolean {
  const path = new URL(req.url ?? '/', 'http://localhost').pathname;
  if (!path.startsWith(HOOK_PREFIX)) return false;
  const name = decodeURIComponent(path.slice(HOOK_PREFIX.length));
  const refuse = (connector: Connector | undefined, reason: HookReject, status: number, message: string): void => {
    sink.rejected(connector, reason, message);
    // The rest of a refused body is not read: the connection closes.
    answer(res, status, { error: reason, message }, !req.complete);
    if (!req.complete) req.resume();
  };
  if (req.method !== 'POST') {
    refuse(sink.connector(name), 'method', 405, 'deliveries are POSTed');
    return true;
  }
  const connector = sink.connector(name);
  if (connector === undefined) {
    refuse(undefined, 'unknown-connector', REJECT_STATUS['unknown-connector'], `no connector "${name.slice(0, 64)}" here`);
    return true;
  }
  if (connector.events === undefined) {
    refuse(connector, 'no-events', REJECT_STATUS['no-events'], `connector ${connector.name} has no events: section`);
    return true;
  }
  const limit = connector.maxBodyBytes;
  const declared = Number(req.headers['content-length'] ?? '0');
  if (declared > limit) {
    refuse(connector, 'too-large', REJECT_STATUS['too-large'], `the delivery is ${declared} bytes, over maxBodyBytes (${limit})`);
    return true;
  }
  const chunks: Buffer[] = [];
  let size = 0;
  let done = false;
  req.on('data', (chunk: Buffer) => {
    if (done) return;
    size += chunk.length;
    if (size > limit) {
      done = true;
      chunks.length = 0;
      refuse(connector, 'too-large', REJECT_STATUS['too-large'], `the delivery is over maxBodyBytes (${limit})`);
      return;
    }
    chunks.push(chunk);
  });
  req.on('error', () => {
    done = true;
  });
  req.on('end', () => {
    if (done) return;
    done = true;
    finish(connector, Buffer.concat(chunks, size), req, res, sink, refuse);
  });
  return true;
}

function finish(
  connector: Connector,
  body: Buffer,
  req: IncomingMessage,
  res: ServerResponse,
  sink: HookSink,
  refuse: (connector: Connector | undefined, reason: HookReject, status: number, message: string) => void,
): void {
  const signature = connector.events?.signature;
  if (signature !== undefined) {
    const secret = signature.secretEnv !== undefined ? sink.env[signature.secretEnv] : undefined;
    if (secret === undefined || secret === '') {
      refuse(connector, 'no-secret', 503, `$${signature.secretEnv ?? '?'} is not set: deliveries cannot be verified`);
      return;
    }
    const header = req.headers[signature.header.toLowerCase()];
    const verdict = verifySignature(signature, Array.isArray(header) ? header[0] : header, body, secret, Math.floor(sink.now().getTime() / 1000));
    sink.signature(connector, verdict.ok, verdict.ok ? '' : verdict.reason);
    if (!verdict.ok) {
      refuse(connector, 'bad-signature', REJECT_STATUS['bad-signature'], verdict.reason);
      return;
    }
  }
  const verdict = readDelivery(connector, { body, receivedAt: sink.now().toISOString(), secrets: deliverySecrets(connector, sink.env) });
  if (!verdict.ok) {
    refuse(connector, verdict.reason, REJECT_STATUS[verdict.reason], verdict.message);
    return;
  }
  // Answered before judging: a vendor that waits on its webhook's answer must not wait on driftwatch.
  answer(res, 202, { accepted: true, type: verdict.type });
  sink.accepted(connector, verdict.sample);
}
