// Table tests for the GraphQL schema rules: two real schemas diffed by @graphql-inspector/core, scoped by real queries,
// through the producer and classify.
import { buildSchema, parse } from 'graphql';
import { expect, it } from 'vitest';
import { classify } from '../../src/core/classify.js';
import type { Severity } from '../../src/core/model.js';
import type { AnyRule } from '../../src/core/rule.js';
import { graphqlSchemaDeltas } from '../../src/graphql/schema-deltas.js';
import { canonicalSchema } from '../../src/graphql/schema-files.js';

export const BASE = `
type Query { invoices(status: InvoiceStatus, first: Int, filter: InvoiceFilter): [Invoice!]! node(id: ID!): Node search(term: String!): [SearchHit!]! }
interface Node { id: ID! }
union SearchHit = Invoice | Customer
enum InvoiceStatus { OPEN PAID }
input InvoiceFilter { from: String to: String }
type Invoice implements Node { id: ID! number: Int! total: Int! status: InvoiceStatus! customer: Customer memo: String }
type Customer implements Node { id: ID! name: String! email: String }
type Mutation { voidInvoice(id: ID!): Invoice }
`;

/** BASE with `replace` pairs applied in order (each must match). */
export function edit(...pairs: Array<[string, string]>): string {
  return pairs.reduce((sdl, [from, to]) => {
    if (!sdl.includes(from)) throw new Error(`test schema has no "${from}"`);
    return sdl.replace(from, to);
  }, BASE);
}

export interface SchemaRow {
  name: string;
  after: string;
  /** Endpoint id -> its operation. */
  queries: Record<string, string>;
  want: Array<{ endpoint: string; path: string; severity?: Severity; message?: RegExp }>;
}

export function schemaRuleTable(rule: AnyRule, rows: readonly SchemaRow[]): void {
  it.each(rows.map((row) => [row.name, row] as const))('%s', async (_name, row) => {
    const operations = Object.entries(row.queries).map(([endpoint, query]) => ({ endpoint, document: parse(query) }));
    const placed = await graphqlSchemaDeltas(canonicalSchema(buildSchema(BASE)).schema, canonicalSchema(buildSchema(row.after)).schema, operations);
    const findings = classify(
      placed.map(({ endpoint, delta }) => ({ source: 'graphql' as const, endpoint, delta })),
      { connector: 'ledger', rules: [rule] },
    );
    expect(findings.map((f) => [f.endpoint, f.path])).toEqual(row.want.map((w) => [w.endpoint, w.path]));
    findings.forEach((finding, i) => {
      const want = row.want[i]!;
      expect(finding.rule).toBe(rule.id);
      expect(finding.severity).toBe(want.severity ?? rule.severity);
      expect(finding.evidence).toEqual([expect.objectContaining({ source: 'graphql' })]);
      if (want.message) expect(finding.message).toMatch(want.message);
    });
  });
}
