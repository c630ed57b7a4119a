import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadSpec } from '../../src/openapi/load-spec.js';
import { listOperations } from '../../src/openapi/operations.js';

const SPECS = fileURLToPath(new URL('../fixtures/specs/', import.meta.url));

describe('loadSpec: files', () => {
  it('loads OpenAPI 3.0 YAML relative to the base folder', async () => {
    const result = await loadSpec('diff/base.yaml', { baseDir: SPECS });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.spec.version).toBe('openapi-3.0');
    expect(result.spec.source).toBe(join(SPECS, 'diff/base.yaml'));
    expect(listOperations(result.spec.document).map((o) => o.key)).toContain('GET /invoices/{id}');
  });

  it('loads Swagger 2.0 and OpenAPI 3.1', async () => {
    const swagger = await loadSpec('swagger2.yaml', { baseDir: SPECS });
    const modern = await loadSpec('oas31.yaml', { baseDir: SPECS });
    expect(swagger.ok && swagger.spec.version).toBe('swagger-2.0');
    expect(modern.ok && modern.spec.version).toBe('openapi-3.1');
  });

  it('keeps circular references as $refs (no object cycles, nothing hangs)', async () => {
    const result = await loadSpec('circular.yaml', { baseDir: SPECS });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(() => JSON.stringify(result.spec.document)).not.toThrow();
  });

  it('bundles external files into internal references', async () => {
    const result = await loadSpec('external/main.yaml', { baseDir: SPECS });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(JSON.stringify(result.spec.document)).not.toContain('schemas.yaml');
    expect(JSON.stringify(result.spec.document)).toContain('"label"');
  });

  it('a YAML syntax error names the file and line', async () => {
    const result = await loadSpec('broken.yaml', { baseDir: SPECS });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problem.file).toBe(join(SPECS, 'broken.yaml'));
    expect(result.problem.line).toBeGreaterThanOrEqual(8);
    expect(result.problem.message).toMatch(/not valid YAML/);
  });

  it('a structurally invalid spec says what is wrong', async () => {
    const result = await loadSpec('invalid.yaml', { baseDir: SPECS });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problem.message).toMatch(/invalid openapi 3\.0 spec/);
  });

  it('a missing file and a non-OpenAPI document are problems, not exceptions', async () => {
    const missing = await loadSpec('nope.yaml', { baseDir: SPECS });
    expect(!missing.ok && missing.problem.message).toBe('spec file not found');
    const notOpenApi = await loadSpec('external/schemas.yaml', { baseDir: SPECS });
    expect(!notOpenApi.ok && notOpenApi.problem.message).toMatch(/not an OpenAPI document/);
  });
});

describe('loadSpec: URLs, cached with ETag', () => {
  let server: Server;
  let url: string;
  let cacheDir: string;
  const requests: Array<{ ifNoneMatch?: string }> = [];
  let body = '';
  let up = true;

  beforeAll(async () => {
    body = await readFile(join(SPECS, 'diff/base.yaml'), 'utf8');
    cacheDir = await mkdtemp(join(tmpdir(), 'driftwatch-spec-cache-'));
    server = createServer((req, res) => {
      if (!up) {
        res.writeHead(503).end();
        return;
      }
      const inm = req.headers['if-none-match'];
      requests.push(typeof inm === 'string' ? { ifNoneMatch: inm } : {});
      if (inm === '"v1"') {
        res.writeHead(304).end();
        return;
      }
      res.writeHead(200, { 'content-type': 'application/yaml', etag: '"v1"' }).end(body);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/openapi.yaml`;
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
    await rm(cacheDir, { recursive: true, force: true });
  });

  it('fetches, caches, revalidates with If-None-Match, and falls back to the cache when the vendor is down', async () => {
    const first = await loadSpec(url, { baseDir: SPECS, cacheDir });
    expect(first.ok).toBe(true);
    expect(requests[0]).toEqual({});
    expect((await readdir(cacheDir)).length).toBe(1);

    const second = await loadSpec(url, { baseDir: SPECS, cacheDir });
    expect(second.ok).toBe(true);
    expect(requests[1]).toEqual({ ifNoneMatch: '"v1"' });
    if (second.ok) expect(listOperations(second.spec.document).length).toBe(4);

    up = false;
    const third = await loadSpec(url, { baseDir: SPECS, cacheDir });
    expect(third.ok && third.spec.stale).toBe(true);
    const uncached = await loadSpec(url, { baseDir: SPECS });
    expect(uncached.ok).toBe(false);
    if (!uncached.ok) expect(uncached.problem.message).toMatch(/HTTP 503/);
    up = true;
  });
});
