// A real GraphQL vendor on 127.0.0.1: plain node:http over the `graphql` package's executor, with releases that change
// its schema, a switch that refuses introspection, and a request log.
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { buildSchema, execute, NoSchemaIntrospectionCustomRule, parse, specifiedRules, validate, type GraphQLSchema } from 'graphql';

export interface GraphqlRequestLog {
  query: string;
  variables?: Record<string, unknown>;
  operationName?: string;
  headers: IncomingHttpHeaders;
}

export interface GraphqlVendor {
  url: string;
  requests: GraphqlRequestLog[];
  /** Replaces the schema and the data behind it (a vendor release). */
  release(sdl: string, root: Record<string, unknown>): void;
  /** Refuse introspection queries, as many production GraphQL APIs do. */
  introspection: boolean;
  /** Extra headers on every answer (Deprecation, Sunset...). */
  headers: Record<string, string>;
  /** A bearer token every request must carry, or none. */
  token?: string;
  close(): Promise<void>;
}

export const V1_SDL = `
type Query {
  invoices(status: InvoiceStatus, first: Int): [Invoice!]!
  customer(id: ID!): Customer
  plans: [Plan!]!
}
enum InvoiceStatus { OPEN PAID }
type Invoice { id: ID! number: Int! total: Int! status: InvoiceStatus! customer: Customer memo: String }
type Customer { id: ID! name: String! email: String }
type Plan { id: ID! name: String! seats: Int! }
type Mutation { voidInvoice(id: ID!): Invoice }
`;

export function v1Data(): Record<string, unknown> {
  const customer = { id: 'c_1', name: 'Acme GmbH', email: 'ap@acme.test' };
  const invoices = Array.from({ length: 5 }, (_, i) => ({ id: `inv_${i + 1}`, number: 1000 + i, total: 250 * (i + 1), status: i % 2 === 0 ? 'OPEN' : 'PAID', customer, memo: null }));
  return {
    invoices: ({ status }: { status?: string }) => invoices.filter((inv) => status === undefined || inv.status === status),
    customer: () => customer,
    plans: () => [{ id: 'p_1', name: 'Team', seats: 10 }],
    voidInvoice: ({ id }: { id: string }) => ({ ...invoices[0], id, status: 'VOID' }),
  };
}

export async function startGraphqlVendor(): Promise<GraphqlVendor> {
  let schema: GraphQLSchema = buildSchema(V1_SDL);
  let rootValue: Record<string, unknown> = v1Data();
  const requests: GraphqlRequestLog[] = [];
  const sockets = new Set<Socket>();
  const vendor: GraphqlVendor = {
    url: '',
    requests,
    introspection: true,
    headers: {},
    release(sdl, root) {
      schema = buildSchema(sdl);
      rootValue = root;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
  const send = (res: import('node:http').ServerResponse, status: number, body: unknown): void => {
    const text = JSON.stringify(body);
    res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text), ...vendor.headers });
    res.end(text);
  };
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      if (req.method !== 'POST' || !req.url?.startsWith('/graphql')) return send(res, 404, { error: 'not found' });
      let payload: { query?: string; variables?: Record<string, unknown>; operationName?: string };
      try {
        payload = JSON.parse(Buffer.concat(chunks).toString('utf8')) as typeof payload;
      } catch {
        return send(res, 400, { errors: [{ message: 'body is not JSON' }] });
      }
      requests.push({ query: payload.query ?? '', ...(payload.variables ? { variables: payload.variables } : {}), ...(payload.operationName ? { operationName: payload.operationName } : {}), headers: req.headers });
      if (vendor.token !== undefined && req.headers.authorization !== `Bearer ${vendor.token}`) return send(res, 401, { errors: [{ message: 'unauthorized' }] });
      let document;
      try {
        document = parse(payload.query ?? '');
      } catch (error) {
        return send(res, 200, { errors: [{ message: (error as Error).message }] });
      }
      const rules = vendor.introspection ? specifiedRules : [...specifiedRules, NoSchemaIntrospectionCustomRule];
      const invalid = validate(schema, document, rules);
      if (invalid.length > 0) return send(res, 200, { errors: invalid.map((e) => e.toJSON()) });
      void Promise.resolve(execute({ schema, document, rootValue, variableValues: payload.variables ?? null, operationName: payload.operationName ?? null })).then((result) => send(res, 200, result));
    });
  });
  server.on('connection', (s: Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  vendor.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return vendor;
}
