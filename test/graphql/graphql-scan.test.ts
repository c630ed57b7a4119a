// A GraphQL vendor through accept and scan: data judged against its snapshot, errors as failures, the schema watched
// by introspection against the pinned copy and judged by what the connector's query selects; mutations refused.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accept } from '../../src/app/accept.js';
import { scan, type ScanResult } from '../../src/app/scan.js';
import { forgetProjectFacts } from '../../src/owners/project.js';
import { openSqliteStore } from '../../src/store/sqlite-store.js';
import type { HistoryStore } from '../../src/store/history-store.js';
import { connectorBody, makeTempRoot, type TempRoot } from '../helpers/temp-root.js';
import { startGraphqlVendor, V1_SDL, v1Data, type GraphqlVendor } from './graphql-vendor.js';

const NOW = new Date('2026-11-23T09:00:00Z');
const fast = { baseDelayMs: 1, maxDelayMs: 2 };
const QUERY = 'query OpenInvoices($status: InvoiceStatus) { invoices(status: $status) { id number total status customer { name } } }';

/** v2: `total` renamed `amount`, `number` now a String, a VOID status, `region` required; outside the query: `Customer.email`, `Plan.seats` removed, `memo` deprecated. */
const V2_SDL = V1_SDL.replace('number: Int! total: Int!', 'number: String! amount: Int!')
  .replace('memo: String', 'memo: String @deprecated(reason: "use notes") notes: String')
  .replace('enum InvoiceStatus { OPEN PAID }', 'enum InvoiceStatus { OPEN PAID VOID }')
  .replace('invoices(status: InvoiceStatus, first: Int)', 'invoices(status: InvoiceStatus, first: Int, region: String!)')
  .replace('name: String! email: String }', 'name: String! }')
  .replace('seats: Int! }', '}');

describe('a GraphQL vendor in accept and scan', () => {
  let vendor: GraphqlVendor;
  let root: TempRoot;
  let store: HistoryStore;
  const run = (): Promise<ScanResult> => scan({ root: root.dir, store, env: {}, now: () => NOW, sampler: fast });

  beforeAll(async () => {
    [vendor, root] = await Promise.all([startGraphqlVendor(), makeTempRoot('driftwatch-graphql-')]);
    forgetProjectFacts();
    await root.writeConnector(
      'ledger',
      connectorBody(vendor.url, [
        { id: 'open-invoices', kind: 'graphql', path: '/graphql', query: QUERY, variables: { status: 'OPEN' } },
        { id: 'void-invoice', kind: 'graphql', path: '/graphql', query: 'mutation { voidInvoice(id: "inv_1") { id status } }' },
      ]),
    );
    store = await openSqliteStore(join(root.dir, '.driftwatch', 'history.db'));
  });
  afterAll(async () => {
    await store.close();
    await vendor.close();
    await root.cleanup();
  });

  it('accept samples the query (its data is the snapshot), pins the schema, and never sends the mutation', async () => {
    const result = await accept({ root: root.dir, store, env: {}, now: () => NOW, samples: 2, sampler: fast });
    expect(result.written.map((w) => w.endpoint)).toEqual(['open-invoices']);
    expect(result.errors).toEqual([expect.objectContaining({ endpoint: 'void-invoice', kind: 'config', message: expect.stringContaining('a GraphQL mutation is not sent') })]);
    expect(vendor.requests.some((r) => r.query.includes('voidInvoice'))).toBe(false);
    const sent = vendor.requests.find((r) => r.operationName === 'OpenInvoices')!;
    expect(sent).toMatchObject({ query: QUERY, variables: { status: 'OPEN' } });
    expect(sent.headers['content-type']).toBe('application/json');

    const snapshot = JSON.parse(await readFile(join(root.dir, 'snapshots', 'ledger', 'open-invoices.json'), 'utf8')) as { schema: { properties: Record<string, unknown> } };
    expect(Object.keys(snapshot.schema.properties)).toEqual(['invoices']);
    const pinned = await readFile(join(root.dir, 'contracts', 'ledger', 'graphql.pinned.graphql'), 'utf8');
    expect(pinned).toContain('type Invoice {');
    expect(pinned.indexOf('type Customer')).toBeLessThan(pinned.indexOf('type Invoice'));
  });

  it('a quiet scan finds nothing and resolves nothing; the mutation is still refused before any request', async () => {
    const before = vendor.requests.length;
    const result = await run();
    expect(result.changes).toEqual([]);
    expect(result.errors.map((e) => `${e.endpoint} ${e.kind}`)).toEqual(['void-invoice config']);
    const sent = vendor.requests.slice(before);
    expect(sent.some((r) => r.query.includes('voidInvoice'))).toBe(false);
    // One sample of the query and one introspection of the schema.
    expect(sent.map((r) => (r.query.includes('__schema') ? 'introspection' : r.operationName))).toEqual(['OpenInvoices', 'introspection']);
  });

  it('a vendor release: what the query selects is breaking, what it does not is at most info, and the sample fails with the errors', async () => {
    vendor.release(V2_SDL, v1Data());
    const result = await run();
    const found = result.changes.map((c) => `${c.severity} ${c.rule} ${c.endpoint} ${c.path}`);
    // The refused mutation is never sent, but it is still what the connector does: its use of the schema counts.
    // A change a query reads is stated where the answer shows it (the response kinds, at the JSONPath into `data`), so
    // the schema's sighting and the samples' sighting of it are one finding; what no query reads stays connector-wide.
    expect(found).toEqual([
      'breaking response-property-type-changed open-invoices $.invoices[*].number',
      'breaking response-property-removed open-invoices $.invoices[*].total',
      'breaking graphql-input-changed open-invoices Query.invoices(region:)',
      'warning response-enum-value-added open-invoices $.invoices[*].status',
      'warning response-enum-value-added void-invoice $.voidInvoice.status',
      'info graphql-field-removed * Customer.email',
      'info graphql-field-removed * Plan.seats',
    ]);
    const removed = result.changes.find((c) => c.path === '$.invoices[*].total')!;
    expect(removed.message).toBe("$.invoices[*].total was removed in the vendor's GraphQL schema (Invoice.total)");
    expect(removed.evidence).toEqual([expect.objectContaining({ source: 'graphql', where: 'Invoice.total' })]);
    expect(result.changes.find((c) => c.path === '$.invoices[*].status')!.message).toContain('"VOID"');
    // The query no longer validates: a failure with the vendor's words, never a shape learned from `errors`.
    const failure = result.errors.find((e) => e.endpoint === 'open-invoices')!;
    expect(failure.kind).toBe('graphql-errors');
    expect(failure.message).toContain('Cannot query field "total" on type "Invoice"');
    expect(result.summary.breaking).toBe(3);
  });

  it('the same findings on the next run are one drift each; accepting the release pins it and they resolve', async () => {
    const again = await run();
    expect(again.events.filter((e) => e.kind === 'opened')).toEqual([]);
    const drifts = await store.listDrifts({ connector: 'ledger' });
    expect(drifts.filter((d) => d.evidence.some((e) => e.source === 'graphql'))).toHaveLength(7);

    await root.writeConnector(
      'ledger',
      connectorBody(vendor.url, [
        { id: 'open-invoices', kind: 'graphql', path: '/graphql', query: QUERY.replace('total', 'amount').replace('$status: InvoiceStatus', '$status: InvoiceStatus, $region: String!').replace('(status: $status)', '(status: $status, region: $region)'), variables: { status: 'OPEN', region: 'eu' } },
        { id: 'void-invoice', kind: 'graphql', path: '/graphql', query: 'mutation { voidInvoice(id: "inv_1") { id status } }' },
      ]),
    );
    const later = v1Data();
    vendor.release(V2_SDL, { ...later, invoices: () => [{ id: 'inv_1', number: '1000', amount: 250, status: 'OPEN', customer: { id: 'c_1', name: 'Acme GmbH' } }] });
    await accept({ root: root.dir, store, env: {}, now: () => NOW, samples: 1, sampler: fast });
    const quiet = await run();
    expect(quiet.changes).toEqual([]);
    const open = (await store.listDrifts({ connector: 'ledger' })).filter((d) => d.evidence.some((e) => e.source === 'graphql') && d.status === 'open');
    expect(open).toEqual([]);
  });
});

describe('the data of a GraphQL answer is judged like any sample', () => {
  let vendor: GraphqlVendor;
  let root: TempRoot;
  let store: HistoryStore;
  const page = (customer: (i: number) => unknown) => () =>
    Array.from({ length: 20 }, (_, i) => ({ id: `inv_${i}`, number: i, total: 100 * i, status: 'OPEN', customer: customer(i), memo: null }));

  beforeAll(async () => {
    [vendor, root] = await Promise.all([startGraphqlVendor(), makeTempRoot('driftwatch-graphql-data-')]);
    forgetProjectFacts();
    vendor.release(V1_SDL, { ...v1Data(), invoices: page((i) => ({ id: `c_${i}`, name: `Customer ${i}` })) });
    await root.writeConnector('ledger', connectorBody(vendor.url, [{ id: 'invoices', kind: 'graphql', path: '/graphql', query: '{ invoices { id customer { name } } }' }]));
    store = await openSqliteStore(join(root.dir, '.driftwatch', 'history.db'));
  });
  afterAll(async () => {
    await store.close();
    await vendor.close();
    await root.cleanup();
  });

  it('a field the schema always allowed to be null turns null: the snapshot sees it, the schema diff cannot', async () => {
    await accept({ root: root.dir, store, env: {}, now: () => NOW, samples: 2, sampler: fast });
    vendor.release(V1_SDL, { ...v1Data(), invoices: page(() => null) });
    const result = await scan({ root: root.dir, store, env: {}, now: () => NOW, sampler: fast });
    expect(result.changes.map((c) => `${c.severity} ${c.rule} ${c.path} ${c.evidence.map((e) => e.source).join(',')}`)).toEqual([
      'breaking response-property-became-nullable $.invoices[*].customer snapshot',
    ]);
  });
});
