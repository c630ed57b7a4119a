// Deliveries held to the vendor's own spec: the payload its OpenAPI 3.1 `webhooks:` entry documents for the event
// type. The rename is one finding seen by the learned baseline and the spec alike; a payload the spec does not allow is
// reported even before any baseline exists.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runMain } from '../helpers/run-main.js';
import { connectorBody, makeTempRoot, type TempRoot } from '../helpers/temp-root.js';
import { invoicePaid, range, writeJsonl } from '../helpers/deliveries.js';

interface ScanJson {
  changes: Array<{ endpoint: string; rule: string; severity: string; path: string; evidence: Array<{ source: string; where?: string }> }>;
}

const SPEC = {
  openapi: '3.1.0',
  info: { title: 'Ledgerly', version: '2026-11-01' },
  paths: {},
  webhooks: {
    'invoice.paid': {
      post: {
        requestBody: {
          required: true,
          content: {
            'application/json': {
              schema: {
                type: 'object',
                required: ['id', 'type', 'data'],
                properties: {
                  id: { type: 'string' },
                  type: { type: 'string' },
                  data: {
                    type: 'object',
                    required: ['id', 'amount_paid', 'line_items'],
                    properties: {
                      id: { type: 'string' },
                      amount_paid: { type: 'integer' },
                      currency: { type: 'string', enum: ['usd', 'eur'] },
                      line_items: { type: 'array', items: { type: 'object', required: ['id', 'amount'], properties: { id: { type: 'string' }, amount: { type: 'integer' } } } },
                    },
                  },
                },
              },
            },
          },
        },
        responses: { '200': { description: 'ok' } },
      },
    },
  },
};

describe("deliveries vs the spec's webhooks: payload", { timeout: 60_000 }, () => {
  let root: TempRoot;
  const ingest = async (file: string) => {
    const run = await runMain(['ingest', '--connector', 'billing', file, '--format', 'json'], { cwd: root.dir, env: {} });
    return { ...run, json: JSON.parse(run.stdout) as ScanJson };
  };

  beforeAll(async () => {
    root = await makeTempRoot();
    await root.writeConnector('billing', connectorBody('http://127.0.0.1:9', [{ id: 'list-invoices', path: '/v1/invoices' }], { spec: './openapi.json', events: { typeField: 'type' } }));
    await mkdir(join(root.dir, 'contracts', 'billing'), { recursive: true });
    await writeFile(join(root.dir, 'contracts', 'billing', 'openapi.json'), JSON.stringify(SPEC), 'utf8');
  });
  afterAll(async () => {
    await root.cleanup();
  });

  it('reports what the spec does not allow from the first delivery on (a currency outside its enum)', async () => {
    const run = await ingest(await writeJsonl(join(root.dir, 'old.jsonl'), range(0, 24).map((i) => invoicePaid(i))));
    const bySpec = run.json.changes.filter((c) => c.evidence.some((e) => e.source === 'spec'));
    expect(bySpec).toEqual([expect.objectContaining({ endpoint: 'event:invoice.paid', rule: 'response-enum-value-added', path: '$.data.currency' })]);
    expect(bySpec[0]!.evidence[0]).toMatchObject({ source: 'spec', where: 'webhook invoice.paid' });
  });

  it('the rename is one finding with the evidence of the baseline and the spec', async () => {
    expect((await runMain(['accept', '--connector', 'billing', '--events'], { cwd: root.dir, env: {} })).code).toBe(0);
    const run = await ingest(await writeJsonl(join(root.dir, 'renamed.jsonl'), range(100, 12).map((i) => invoicePaid(i, { renamed: true }))));
    expect(run.code).toBe(1);
    const removed = run.json.changes.filter((c) => c.path === '$.data.line_items');
    expect(removed).toHaveLength(1);
    expect(removed[0]).toMatchObject({ endpoint: 'event:invoice.paid', rule: 'response-property-removed', severity: 'breaking' });
    expect(removed[0]!.evidence.map((e) => e.source).sort()).toEqual(['event', 'spec']);
  });
});
