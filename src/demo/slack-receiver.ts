// A local stand-in for Slack's incoming webhooks, so the demo can show the message the owner would get.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface SlackReceiver {
  /** The webhook URL to put in the owner's env var. */
  url: string;
  received: unknown[];
  close(): Promise<void>;
}

export async function startSlackReceiver(): Promise<SlackReceiver> {
  const received: unknown[] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8').on('data', (chunk: string) => (body += chunk));
    req.on('end', () => {
      try {
        received.push(JSON.parse(body) as unknown);
        res.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
      } catch {
        res.writeHead(400, { 'content-type': 'text/plain' }).end('invalid_payload');
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/services/T0DEMO/B0DEMO/demo`,
    received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** Block Kit as plain terminal text: enough to read what the owner was told. */
export function slackMessageAsText(message: unknown): string {
  const blocks = (message as { blocks?: Array<{ type: string; text?: { text: string }; elements?: Array<{ text: string }> }> }).blocks ?? [];
  const lines: string[] = [];
  for (const block of blocks) {
    if (block.type === 'divider') lines.push('────────────────────────────────────────');
    else if (block.text) lines.push(block.text.text);
    else if (block.elements) lines.push(block.elements.map((e) => e.text).join(' '));
  }
  return `${lines.join('\n')}\n`;
}
