// A Pact V4 message pact on the invoice.paid webhook, written by the real Pact core, held by `driftwatch verify` to the
// deliveries captured through `ingest`: green on the old payloads, red on the renamed ones; an interaction nothing can
// check is reported as unchecked (exit 3), never counted as a pass.
import { join } from 'node:path';
import { MatchersV3, PactV4 } from '@pact-foundation/pact';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runMain } from '../helpers/run-main.js';
import { connectorBody, makeTempRoot, type TempRoot } from '../helpers/temp-root.js';
import { invoicePaid, range, writeJsonl } from '../helpers/deliveries.js';

const { like, eachLike, integer, string } = MatchersV3;

interface VerifyJson {
  summary: { interactions: number; failed: number; unchecked?: number };
  connectors: Array<{ interactions: Array<{ description: string; endpoint: string | null; status: string; skipped: string[]; findings: Array<{ rule: string; path: string; severity: string }> }> }>;
}

async function writeMessagePact(dir: string, provider: string, description: string, type: string): Promise<void> {
  await new PactV4({ consumer: 'ledger-sync', provider, dir, logLevel: 'error' })
    .addAsynchronousInteraction()
    .given('an invoice was paid')
    .expectsToReceive(description, (b) =>
      b.withJSONContent({ type, data: like({ id: string('in_1'), amount_paid: integer(1000), line_items: eachLike({ id: string('li_1'), amount: integer(1000) }) }) }),
    )
    .executeTest(async (message) => message);
}

describe('message pacts held to captured deliveries', { timeout: 90_000 }, () => {
  let root: TempRoot;
  const cli = (...args: string[]) => runMain(args, { cwd: root.dir, env: { DRIFTWATCH_NOTIFY_WAIT_MS: '0' } });
  const verifyJson = async (connector: string) => {
    const run = await cli('verify', '--connector', connector, '--format', 'json');
    return { ...run, json: JSON.parse(run.stdout) as VerifyJson };
  };

  beforeAll(async () => {
    root = await makeTempRoot();
    const events = { events: { typeField: 'type' } };
    await root.writeConnector('billing', connectorBody('http://127.0.0.1:9', [{ id: 'list-invoices', path: '/v1/invoices' }], events));
    await root.writeConnector('payments', connectorBody('http://127.0.0.1:9', [{ id: 'charges', path: '/v1/charges' }], events));
    const pacts = join(root.dir, 'contracts', 'pacts');
    await writeMessagePact(pacts, 'billing', 'an invoice.paid event', 'invoice.paid');
    await writeMessagePact(pacts, 'payments', 'an invoice.voided event', 'invoice.voided');
  });
  afterAll(async () => {
    await root.cleanup();
  });

  it('passes on the old deliveries', async () => {
    const file = await writeJsonl(join(root.dir, 'old.jsonl'), range(0, 20).map((i) => invoicePaid(i)));
    expect((await cli('ingest', '--connector', 'billing', file)).code).toBe(0);
    const { code, json } = await verifyJson('billing');
    expect(json.connectors[0]!.interactions).toEqual([expect.objectContaining({ description: 'an invoice.paid event', endpoint: 'event:invoice.paid', status: 'passed', findings: [] })]);
    expect(code).toBe(0);
  });

  it('fails on the renamed ones, naming the field', async () => {
    const file = await writeJsonl(join(root.dir, 'renamed.jsonl'), range(100, 20).map((i) => invoicePaid(i, { renamed: true })));
    await cli('ingest', '--connector', 'billing', file);
    const { code, json, stdout } = await verifyJson('billing');
    const interaction = json.connectors[0]!.interactions[0]!;
    expect(interaction.status).toBe('failed');
    expect(interaction.findings).toEqual([expect.objectContaining({ rule: 'response-property-removed', path: '$.data.line_items', severity: 'breaking' })]);
    expect(code).toBe(1);
    expect(stdout).not.toBe('');
  });

  it('says an interaction it cannot check is unchecked, and the run is not green', async () => {
    const { code, json } = await verifyJson('payments');
    const interaction = json.connectors[0]!.interactions[0]!;
    expect(interaction.status).toBe('unchecked');
    expect(interaction.skipped.join(' ')).toContain('no delivery of invoice.voided captured yet');
    expect(json.summary).toMatchObject({ interactions: 1, failed: 0, unchecked: 1 });
    expect(code).toBe(3);
    const text = await cli('verify', '--connector', 'payments');
    expect(text.stdout).toMatch(/1 unchecked/);
    expect(text.stdout).not.toMatch(/0 of 0/);
  });
});
