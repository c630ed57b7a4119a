// The replay server: answers like the vendor's latest accepted behaviour, from stored redacted snapshots, on 127.0.0.1.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { EndpointConfig, JsonValue, ShapeSchema, Snapshot } from '../core/model.js';
import { endpointFor } from './usage.js';

export interface ReplayRoute {
  endpoint: EndpointConfig;
  snapshot: Snapshot;
}

export interface ReplayServer {
  url: string;
  /** Requests that matched no stored endpoint, as `METHOD /path`. */
  misses: string[];
  close(): Promise<void>;
}

/** A value of the shape, for snapshots stored without an example body. */
export function exampleOf(schema: ShapeSchema): JsonValue {
  const types = schema.type === undefined ? [] : Array.isArray(schema.type) ? schema.type : [schema.type];
  const type = types.find((t) => t !== 'null') ?? types[0];
  switch (type) {
    case 'object': {
      const out: Record<string, JsonValue> = {};
      for (const [key, prop] of Object.entries(schema.properties ?? {})) out[key] = exampleOf(prop);
      return out;
    }
    case 'array':
      return schema.items ? [exampleOf(schema.items)] : [];
    case 'string':
      return schema['x-values']?.[0] ?? (schema.format === 'date-time' ? '2026-01-01T00:00:00Z' : schema.format === 'date' ? '2026-01-01' : 'string');
    case 'integer':
      return 1;
    case 'number':
      return 1.5;
    case 'boolean':
      return true;
    default:
      return null;
  }
}

export async function startReplayServer(routes: readonly ReplayRoute[], templates: readonly string[] = []): Promise<ReplayServer> {
  const misses: string[] = [];
  const endpoints = routes.map((r) => r.endpoint);
  const server: Server = createServer((req, res) => {
    const method = (req.method ?? 'GET').toUpperCase();
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    const endpoint = endpointFor(endpoints, method as EndpointConfig['method'], path, templates);
    const route = endpoint ? routes.find((r) => r.endpoint === endpoint) : undefined;
    req.resume();
    if (!route) {
      misses.push(`${method} ${path}`);
      res.writeHead(404, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: { type: 'driftwatch_replay', message: `no accepted snapshot answers ${method} ${path}` } }));
      return;
    }
    const { snapshot } = route;
    const body = snapshot.example !== undefined ? snapshot.example : exampleOf(snapshot.schema);
    res.writeHead(snapshot.response.status, { 'content-type': snapshot.response.contentType ?? 'application/json' });
    res.end(method === 'HEAD' ? undefined : JSON.stringify(body));
  });
  await new Promise<void>((resolveListen, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolveListen());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    misses,
    close: () =>
      new Promise<void>((resolveClose) => {
        server.closeAllConnections();
        server.close(() => resolveClose());
      }),
  };
}
