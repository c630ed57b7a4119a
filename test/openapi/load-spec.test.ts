import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadSpec } from '../../src/openapi/load-spec.js';
import { listOperations } from '../../src/openapi/operations.js';
import { clearSpecMemory } from '../../src/openapi/spec-cache.js';
import { specWorkSnapshot } from '../../src/openapi/spec-work.js';

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

  it('loads OpenAPI 3.1, and Swagger 2.0 converted to OpenAPI 3.0 (x-nullable, definitions and body parameters included)', async () => {
    const swagger = await loadSpec('swagger2.yaml', { baseDir: SPECS });
    const modern = await loadSpec('oas31.yaml', { baseDir: SPECS });
    expect(modern.ok && modern.spec.version).toBe('openapi-3.1');
    expect(swagger.ok).toBe(true);
    if (!swagger.ok) return;
    expect(swagger.spec).toMatchObject({ version: 'openapi-3.0', convertedFrom: 'swagger-2.0' });
    const doc = swagger.spec.document as { components: { schemas: { Shipment: { properties: { carrier: unknown } } } }; paths: Record<string, { post: { requestBody: unknown } }> };
    expect(doc.components.schemas.Shipment.properties.carrier).toEqual({ type: 'string', nullable: true });
    expect(doc.paths['/shipments']!.post.requestBody).toBeDefined();
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

  it('a structurally invalid spec says what is wrong and where (JSON pointer, line and column)', async () => {
    const result = await loadSpec('invalid.yaml', { baseDir: SPECS });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problem).toMatchObject({ file: join(SPECS, 'invalid.yaml'), line: 3, at: '/info' });
    expect(result.problem.message).toBe("invalid openapi 3.0 spec: /info must have required property 'version' (version)");
  });

  it('a $ref that points nowhere is a structural problem naming where it sits', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'driftwatch-dangling-'));
    await writeFile(join(dir, 'spec.yaml'), 'openapi: 3.0.3\ninfo: { title: T, version: "1" }\npaths:\n  /x:\n    get:\n      responses:\n        "200":\n          description: ok\n          content:\n            application/json:\n              schema: { $ref: "#/components/schemas/Gone" }\n');
    const result = await loadSpec('spec.yaml', { baseDir: dir });
    expect(!result.ok && result.problem).toMatchObject({ line: 11, message: expect.stringContaining('points at #/components/schemas/Gone, which does not exist') });
    await rm(dir, { recursive: true, force: true });
  });

  it('a missing file and a non-OpenAPI document are problems, not exceptions', async () => {
    const missing = await loadSpec('nope.yaml', { baseDir: SPECS });
    expect(!missing.ok && missing.problem.message).toBe('spec file not found');
    const notOpenApi = await loadSpec('external/schemas.yaml', { baseDir: SPECS });
    expect(!notOpenApi.ok && notOpenApi.problem.message).toMatch(/not an OpenAPI document/);
  });
});

describe('loadSpec: each spec version prepared once (content hash), in memory and in the store folder', () => {
  it('validates and converts a new version once; the same text again (this process, or a new one reading the store) does neither', async () => {
    const cacheDir = await mkdtemp(join(tmpdir(), 'driftwatch-spec-cache-'));
    clearSpecMemory();
    const before = specWorkSnapshot();
    expect((await loadSpec('swagger2.yaml', { baseDir: SPECS, cacheDir })).ok).toBe(true);
    const first = specWorkSnapshot();
    expect(first.validations - before.validations).toBe(1);
    expect(first.conversions - before.conversions).toBe(1);
    // Same process: memory.
    expect((await loadSpec('swagger2.yaml', { baseDir: SPECS, cacheDir })).ok).toBe(true);
    // A new process: nothing in memory, the store's entry.
    clearSpecMemory();
    const again = await loadSpec('swagger2.yaml', { baseDir: SPECS, cacheDir });
    expect(again.ok && again.spec.convertedFrom).toBe('swagger-2.0');
    expect(specWorkSnapshot()).toEqual(first);
    // The entries are named by hash and hold no location.
    const files = await readdir(cacheDir);
    expect(files.every((f) => /^prepared-[0-9a-f]{40}\.json$/.test(f))).toBe(true);
    for (const f of files) expect(await readFile(join(cacheDir, f), 'utf8')).not.toContain(SPECS);
    await rm(cacheDir, { recursive: true, force: true });
  });

  it('a broken version is remembered as broken: the second load fails the same way without validating', async () => {
    const cacheDir = await mkdtemp(join(tmpdir(), 'driftwatch-spec-cache-'));
    clearSpecMemory();
    const first = await loadSpec('invalid.yaml', { baseDir: SPECS, cacheDir });
    const counted = specWorkSnapshot();
    clearSpecMemory();
    const second = await loadSpec('invalid.yaml', { baseDir: SPECS, cacheDir });
    expect(second).toEqual(first);
    expect(specWorkSnapshot()).toEqual(counted);
    await rm(cacheDir, { recursive: true, force: true });
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
    // One fetched body and one prepared version; the stored URL keeps no query string.
    expect((await readdir(cacheDir)).length).toBe(2);

    const second = await loadSpec(url, { baseDir: SPECS, cacheDir });
    expect(second.ok).toBe(true);
    expect(requests[1]).toEqual({ ifNoneMatch: '"v1"' });
    if (second.ok) expect(listOperations(second.spec.document).length).toBe(4);

    // A token in the spec URL never reaches the cache: file names are hashes, the stored URL has no query string.
    const withToken = await loadSpec(`${url}?token=s3cr3t-spec-t0ken`, { baseDir: SPECS, cacheDir });
    expect(withToken.ok).toBe(true);
    for (const f of await readdir(cacheDir)) {
      expect(f).not.toContain('s3cr3t');
      expect(await readFile(join(cacheDir, f), 'utf8')).not.toContain('s3cr3t');
    }

    up = false;
    const third = await loadSpec(url, { baseDir: SPECS, cacheDir });
    expect(third.ok && third.spec.stale).toBe(true);
    const uncached = await loadSpec(url, { baseDir: SPECS });
    expect(uncached.ok).toBe(false);
    if (!uncached.ok) expect(uncached.problem.message).toMatch(/HTTP 503/);
    up = true;
  });
});
