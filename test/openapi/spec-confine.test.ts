// Spec loading is confined: local specs and `$ref`s inside the project root (or an allowed folder), remote ones over
// https from public addresses unless the connector opts in. Each refusal names the file and the `$ref`.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run } from '../../src/cli/main.js';
import type { CliIo } from '../../src/cli/io.js';
import { loadSpec } from '../../src/openapi/load-spec.js';
import { checkSpecUrl, isNonPublicAddress, type SpecConfinement } from '../../src/openapi/spec-confine.js';

const spec = (schema: string): string => `openapi: 3.0.3
info: { title: Confined, version: "1" }
paths:
  /x:
    get:
      responses:
        "200":
          description: ok
          content:
            application/json:
              schema: ${schema}
`;

describe('spec confinement', () => {
  let base: string;
  let project: string;
  let outside: string;
  let server: Server;
  let url: string;

  beforeAll(async () => {
    base = await mkdtemp(join(tmpdir(), 'driftwatch-confine-'));
    project = join(base, 'project');
    outside = join(base, 'elsewhere');
    await mkdir(join(project, 'contracts', 'billing'), { recursive: true });
    await mkdir(outside, { recursive: true });
    // A YAML file outside the project whose enum value must never reach a finding.
    await writeFile(join(outside, 'schemas.yaml'), 'Status: { type: string, enum: [leaked-from-outside] }\n');
    await writeFile(join(project, 'contracts', 'billing', 'schemas.yaml'), 'Status: { type: string, enum: [open, paid] }\n');
    await writeFile(join(project, 'contracts', 'billing', 'inside.yaml'), spec('{ $ref: "./schemas.yaml#/Status" }'));
    await writeFile(join(project, 'contracts', 'billing', 'passwd.yaml'), spec('{ $ref: "/etc/passwd" }'));
    await writeFile(join(project, 'contracts', 'billing', 'climb.yaml'), spec('{ $ref: "../../../../../../../../etc/hosts" }'));
    await writeFile(join(project, 'contracts', 'billing', 'sibling.yaml'), spec('{ $ref: "../../../elsewhere/schemas.yaml#/Status" }'));
    await writeFile(join(project, 'contracts', 'billing', 'remote-ref.yaml'), spec('{ $ref: "REMOTE/schemas.yaml#/Status" }'));
    await writeFile(join(outside, 'spec.yaml'), spec('{ type: string }'));
    server = createServer((req, res) => {
      if (req.url?.startsWith('/schemas.yaml')) res.writeHead(200, { 'content-type': 'application/yaml' }).end('Status: { type: string }\n');
      else res.writeHead(200, { 'content-type': 'application/yaml' }).end(spec('{ type: string }'));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    await writeFile(join(project, 'contracts', 'billing', 'remote-ref.yaml'), spec(`{ $ref: "${url}/schemas.yaml#/Status" }`));
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
    await rm(base, { recursive: true, force: true });
  });

  const confine = (extra: Partial<SpecConfinement> = {}): SpecConfinement => ({ root: project, ...extra });
  const load = (file: string, extra: Partial<SpecConfinement> = {}) => loadSpec(file, { baseDir: join(project, 'contracts', 'billing'), confine: confine(extra) });

  it('a $ref inside the project is bundled as always', async () => {
    const result = await load('inside.yaml');
    expect(result.ok && JSON.stringify(result.spec.document)).toContain('"paid"');
  });

  it('a $ref to /etc/passwd is refused, naming the spec and the $ref', async () => {
    const result = await load('passwd.yaml');
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problem.file).toBe(join(project, 'contracts', 'billing', 'passwd.yaml'));
    expect(result.problem.message).toContain('$ref "/etc/passwd" refused: /etc/passwd is outside the project root');
  });

  it('a $ref climbing out with ../../.. is refused', async () => {
    const result = await load('climb.yaml');
    expect(!result.ok && result.problem.message).toMatch(/\$ref "\.\.\/\.\.\/.*etc\/hosts" refused: .*outside the project root/);
  });

  it('a $ref to a YAML file outside the project is refused; allowed once its folder is listed', async () => {
    const refused = await load('sibling.yaml');
    expect(!refused.ok && refused.problem.message).toContain('refused');
    const allowed = await load('sibling.yaml', { folders: [outside] });
    expect(allowed.ok && JSON.stringify(allowed.spec.document)).toContain('leaked-from-outside');
  });

  it('a `spec:` path outside the project is refused', async () => {
    const result = await loadSpec(join(outside, 'spec.yaml'), { baseDir: project, confine: confine() });
    expect(!result.ok && result.problem.message).toContain('spec refused');
  });

  it('a spec URL on 127.0.0.1 (http) is refused by default; `allowInsecureSpec` or the host allow-list open it', async () => {
    const refused = await loadSpec(`${url}/openapi.yaml`, { baseDir: project, confine: confine() });
    expect(!refused.ok && refused.problem.message).toContain('is not https; set `allowInsecureSpec: true`');
    expect((await loadSpec(`${url}/openapi.yaml`, { baseDir: project, confine: confine({ allowInsecure: true }) })).ok).toBe(true);
    expect((await loadSpec(`${url}/openapi.yaml`, { baseDir: project, confine: confine({ hosts: ['127.0.0.1'] }) })).ok).toBe(true);
  });

  it('a $ref to 127.0.0.1 from a local spec is refused by default and allowed by the opt-in', async () => {
    const refused = await load('remote-ref.yaml');
    expect(!refused.ok && refused.problem.message).toMatch(/\$ref ".*127\.0\.0\.1.*" refused/);
    expect((await load('remote-ref.yaml', { allowInsecure: true })).ok).toBe(true);
  });

  it('https to a host that resolves to a private or link-local address is refused unless the host is listed', async () => {
    const resolveHost = async (): Promise<string[]> => ['10.0.0.7'];
    expect(await checkSpecUrl('https://specs.internal.example/openapi.json', confine({ resolveHost }))).toMatch(/private, loopback or link-local address \(10\.0\.0\.7\)/);
    expect(await checkSpecUrl('https://169.254.169.254/latest/meta-data', confine())).toMatch(/169\.254\.169\.254/);
    expect(await checkSpecUrl('https://specs.internal.example/openapi.json', confine({ resolveHost, hosts: ['specs.internal.example'] }))).toBeNull();
    expect(await checkSpecUrl('https://api.example.com/openapi.json', confine({ resolveHost: async () => ['93.184.216.34'] }))).toBeNull();
  });

  it.each([
    ['127.0.0.1', true], ['10.1.2.3', true], ['172.16.0.1', true], ['172.32.0.1', false], ['192.168.1.1', true], ['169.254.1.1', true],
    ['100.64.0.1', true], ['8.8.8.8', false], ['::1', true], ['fe80::1', true], ['fd12::1', true], ['::ffff:127.0.0.1', true], ['2606:4700::1', false],
  ])('%s is non-public: %s', (address, expected) => {
    expect(isNonPublicAddress(address)).toBe(expected);
  });

  it('driftwatch diff: a spec whose $ref reads /etc/passwd is bad input (exit 2) naming the file and the $ref', async () => {
    let stderr = '';
    const io: CliIo = { stdout: () => undefined, stderr: (s) => void (stderr += s), env: {}, cwd: project, color: false, now: () => new Date('2026-11-23T00:00:00Z') };
    const code = await run(['diff', join(project, 'contracts', 'billing', 'inside.yaml'), join(project, 'contracts', 'billing', 'passwd.yaml'), '--root', project], io);
    expect(code).toBe(2);
    expect(stderr).toContain('passwd.yaml');
    expect(stderr).toContain('$ref "/etc/passwd" refused');
  });
});
