// A local stand-in for Slack's incoming webhooks: records every POST and answers from a script (ok, 503, 429...).
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Received {
  path: string;
  body: unknown;
  raw: string;
  /** The `Idempotency-Key` header: the same on every retry of one outbox message. */
  key: string | null;
  /** What the receiver answered. */
  status: number;
}

export interface Reply {
  status: number;
  /** Read the message, then drop the connection without answering (the answer is lost on the way back). */
  drop?: boolean;
  headers?: Record<string, string>;
  body?: string;
}

export interface SlackReceiver {
  url: string;
  /** A Slack-looking webhook URL on this receiver (its path is the credential). */
  webhook(path?: string): string;
  received: Received[];
  /** Only the requests it accepted (2xx): what a channel would show. */
  readonly delivered: Received[];
  /** Replies used in order for the next requests; when empty, 200 "ok". */
  script(...replies: Reply[]): void;
  close(): Promise<void>;
}

export async function startSlackReceiver(): Promise<SlackReceiver> {
  const queue: Reply[] = [];
  const received: Received[] = [];
  const server = createServer((req, res) => {
    let raw = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (raw += chunk));
    req.on('end', () => {
      const reply = queue.shift() ?? { status: 200, body: 'ok' };
      let body: unknown = null;
      try {
        body = JSON.parse(raw);
      } catch {
        body = raw;
      }
      received.push({ path: req.url ?? '', body, raw, key: (req.headers['idempotency-key'] as string | undefined) ?? null, status: reply.status });
      if (reply.drop) {
        req.socket.destroy();
        return;
      }
      res.writeHead(reply.status, { 'content-type': 'text/plain', ...reply.headers });
      res.end(reply.body ?? (reply.status < 300 ? 'ok' : 'error'));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;
  return {
    url,
    webhook: (path = '/services/T0DRIFT/B0WATCH/xoxsecretwebhookpart123') => `${url}${path}`,
    received,
    get delivered() {
      return received.filter((r) => r.status >= 200 && r.status < 300);
    },
    script: (...replies) => void queue.push(...replies),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Every mrkdwn/plain text in a Block Kit payload, joined: what a reader of the message sees. */
export function visibleText(payload: unknown): string {
  const parts: string[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      for (const [key, value] of Object.entries(node)) {
        if (key === 'text' && typeof value === 'string') parts.push(value);
        else walk(value);
      }
    }
  };
  walk(payload);
  return parts.join('\n');
}
