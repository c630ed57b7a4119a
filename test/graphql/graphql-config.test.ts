// `kind: graphql` in connector.yaml: what it normalises to (POST, a JSON body, queries safe, mutations not), and the
// problems a connector author gets, at file:line:col, for queries that cannot be sent.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { formatProblem } from '../../src/core/format-problem.js';
import { loadConnectors } from '../../src/config/load-connectors.js';
import { makeTempRoot, type TempRoot } from '../helpers/temp-root.js';

let root: TempRoot;
beforeEach(async () => {
  root = await makeTempRoot('driftwatch-graphql-config-');
});
afterEach(async () => {
  await root.cleanup();
});

const HEAD = ['name: acme', 'owner:', '  name: Ana', 'baseUrl: https://api.acme.test', 'endpoints:'];

async function load(lines: string[]) {
  await root.writeConnector('acme', [...HEAD, ...lines].join('\n') + '\n');
  const result = await loadConnectors(root.dir);
  return { connector: result.connectors[0], problems: result.problems.map((p) => formatProblem(p, root.dir)) };
}

describe('kind: graphql', () => {
  it('normalises a query to a safe POST with a JSON body, and a mutation to an unsafe one', async () => {
    const { connector, problems } = await load([
      '  - id: open-invoices',
      '    kind: graphql',
      '    path: /graphql',
      '    query: |',
      '      query Open($status: InvoiceStatus) { invoices(status: $status) { id total } }',
      '    variables: { status: OPEN }',
      '  - id: void-invoice',
      '    kind: graphql',
      '    path: /graphql',
      '    query: "mutation { voidInvoice(id: \\"inv_1\\") { id } }"',
      '  - id: preview',
      '    kind: graphql',
      '    path: /graphql',
      '    safe: true',
      '    query: "mutation Preview { previewInvoice { total } }"',
    ]);
    expect(problems).toEqual([]);
    const [query, mutation, preview] = connector!.endpoints;
    const text = 'query Open($status: InvoiceStatus) { invoices(status: $status) { id total } }\n';
    expect(query).toMatchObject({
      method: 'POST',
      safe: true,
      query: {},
      contentType: 'application/json',
      headers: { accept: 'application/graphql-response+json, application/json;q=0.9' },
      body: { query: text, variables: { status: 'OPEN' }, operationName: 'Open' },
      graphql: { query: text, operation: 'query', operationName: 'Open', variables: { status: 'OPEN' } },
    });
    expect(mutation).toMatchObject({ method: 'POST', safe: false, graphql: { operation: 'mutation' } });
    expect(mutation!.body).toEqual({ query: 'mutation { voidInvoice(id: "inv_1") { id } }' });
    expect(preview).toMatchObject({ safe: true, graphql: { operation: 'mutation', operationName: 'Preview' } });
  });

  it.each([
    ['a syntax error, with where in the query', ['    query: "{ invoices { id "'], /:\d+:\d+ endpoints\[0\]\.query is not a GraphQL document: Syntax Error: Expected Name, found <EOF>\. \(line 1, column 17 of the query\)$/],
    ['a subscription', ['    query: "subscription { invoicePaid { id } }"'], /endpoints\[0\]\.query is a subscription: it cannot be sampled with one request/],
    ['two operations', ['    query: "query A { a } query B { b }"'], /endpoints\[0\]\.query holds 2 operations \(A, B\): write one per endpoint/],
    ['no query at all', [], /endpoints\[0\]\.query is required for kind: graphql/],
    ['a mapping for a query', ['    query: { a: 1 }'], /endpoints\[0\]\.query must be the GraphQL document \(a string\)/],
    ['a body', ['    query: "{ a }"', '    body: { q: 1 }'], /endpoints\[0\]\.body does not apply to kind: graphql \(the body is built from query and variables\)/],
    ['pages', ['    query: "{ a }"', '    pages: 3', '    paginate: link'], /endpoints\[0\]\.pages does not apply to kind: graphql/],
    ['GET', ['    method: GET', '    query: "{ a }"'], /endpoints\[0\]\.method must be POST for kind: graphql/],
    ['interpolated variables', ['    query: "query($t: String) { a(t: $t) }"', '    variables: { t: "${API_TOKEN}" }'], /endpoints\[0\]\.variables\.t must be a literal/],
  ])('refuses %s', async (_name, lines, want) => {
    const { connector, problems } = await load(['  - id: q', '    kind: graphql', '    path: /graphql', ...lines]);
    expect(connector).toBeUndefined();
    expect(problems.some((p) => want.test(p)), problems.join('\n')).toBe(true);
  });

  it('refuses a GraphQL document or variables on an endpoint that is not kind: graphql', async () => {
    const { problems } = await load(['  - id: q', '    path: /graphql', '    query: "{ invoices { id } }"', '    variables: { a: 1 }']);
    expect(problems).toEqual([
      expect.stringMatching(/endpoints\[0\]\.query is a string: a GraphQL document needs kind: graphql/),
      expect.stringMatching(/endpoints\[0\]\.variables applies to kind: graphql only/),
    ]);
  });
});
