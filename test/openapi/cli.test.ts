// `driftwatch diff` and `driftwatch types`: in-process for the details, and once through the real binary.
import { execFile } from 'node:child_process';
import { copyFile, readFile, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run } from '../../src/cli/main.js';
import type { CliIo } from '../../src/cli/io.js';
import { runCli } from '../helpers/run-cli.js';
import { connectorBody, makeTempRoot, type TempRoot } from '../helpers/temp-root.js';

const DIFF = fileURLToPath(new URL('../fixtures/specs/diff/', import.meta.url));
const SPECS = fileURLToPath(new URL('../fixtures/specs/', import.meta.url));
const TSC = fileURLToPath(new URL('../../node_modules/typescript/bin/tsc', import.meta.url));

async function cli(args: string[], cwd: string): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const io: CliIo = { stdout: (s) => void (stdout += s), stderr: (s) => void (stderr += s), env: {}, cwd, color: false, now: () => new Date('2026-11-23T00:00:00Z') };
  const code = await run(args, io);
  return { code, stdout, stderr };
}

describe('driftwatch diff', () => {
  let root: TempRoot;
  beforeAll(async () => {
    root = await makeTempRoot();
    // The connector reads one invoice and lists invoices; it never creates or deletes any.
    await root.writeConnector('billing', connectorBody('https://api.example.com/v1', [
      { id: 'list', path: '/invoices' },
      { id: 'one', path: '/invoices/inv_1' },
      { id: 'legacy', path: '/reports/legacy' },
    ]));
  });
  afterAll(() => root.cleanup());

  it('--all judges every operation; exit 1 on a breaking change', async () => {
    const out = await cli(['diff', join(DIFF, 'base.yaml'), join(DIFF, 'api-path-removed.yaml')], root.dir);
    expect(out.code).toBe(1);
    expect(out.stdout).toContain('GET /invoices/{id}\n  BREAKING GET /invoices/{id} was removed (its path is gone) [api-path-removed]');
    expect(out.stdout).toContain('DELETE /invoices/{id}');
    expect(out.stdout).toContain('2 breaking, 0 warning, 0 info in 2 operations');
  });

  it('--connector judges only the operations it samples and sums up the rest in one line', async () => {
    const out = await cli(['diff', join(DIFF, 'base.yaml'), join(DIFF, 'api-path-removed.yaml'), '--connector', 'billing', '--root', root.dir], SPECS);
    expect(out.code).toBe(1);
    expect(out.stdout).toContain('scope connector billing: 2 operations it samples');
    expect(out.stdout).toContain('  legacy: GET /reports/legacy -> no operation in the old spec');
    expect(out.stdout).toContain('1 breaking, 0 warning, 0 info in 1 operation');
    expect(out.stdout).toContain('1 change in 1 operation this connector does not use (1 breaking); --all judges them');
    expect(out.stdout).not.toContain('DELETE /invoices/{id} was removed');
  });

  it('exit 0 when only unused operations break, and JSON output is one document', async () => {
    const out = await cli(['diff', join(DIFF, 'base.yaml'), join(DIFF, 'api-operation-removed.yaml'), '--connector', 'billing', '--root', root.dir, '--format', 'json'], SPECS);
    expect(out.code).toBe(0);
    const doc = JSON.parse(out.stdout) as { summary: { breaking: number }; changes: unknown[]; outOfScope: { changes: number; line: string }; scope: { operations: string[] } };
    expect(doc.summary.breaking).toBe(0);
    expect(doc.changes).toEqual([]);
    expect(doc.outOfScope.changes).toBe(1);
    expect(doc.scope.operations.sort()).toEqual(['GET /invoices', 'GET /invoices/{id}']);
  });

  it('markdown for a pull-request comment: a change in a shared component is one row naming what it reaches', async () => {
    const out = await cli(['diff', join(DIFF, 'base.yaml'), join(DIFF, 'response-property-became-nullable.yaml'), '--format', 'markdown'], SPECS);
    expect(out.code).toBe(1);
    expect(out.stdout).toContain('**1 breaking**, 0 warning, 0 info');
    expect(out.stdout).toContain('| 🔴 breaking | #/components/schemas/Invoice (reaches 3: GET /invoices, GET /invoices/{id}, POST /invoices) | `response-property-became-nullable` |');
  });

  it('text: a shared component is one group that says which operations it reaches; the summary counts findings', async () => {
    const out = await cli(['diff', join(DIFF, 'base.yaml'), join(DIFF, 'response-enum-value-added.yaml')], SPECS);
    expect(out.code).toBe(0);
    expect(out.stdout).toContain('#/components/schemas/Invoice reaches 3 operations: GET /invoices, GET /invoices/{id}, POST /invoices\n  warning  $.status has new value(s) "void"');
    expect(out.stdout).toContain('0 breaking, 1 warning, 0 info in 3 operations');
  });

  it('--connector folds a component change judged at each endpoint back into one finding, reaching only its operations', async () => {
    const out = await cli(['diff', join(DIFF, 'base.yaml'), join(DIFF, 'response-property-became-nullable.yaml'), '--connector', 'billing', '--root', root.dir, '--format', 'json'], SPECS);
    expect(out.code).toBe(1);
    const doc = JSON.parse(out.stdout) as { changes: Array<{ endpoint: string; rule: string; reaches?: string[] }>; summary: { breaking: number } };
    expect(doc.summary.breaking).toBe(1);
    expect(doc.changes).toEqual([
      expect.objectContaining({ endpoint: '#/components/schemas/Invoice', rule: 'response-property-became-nullable', reaches: ['GET /invoices', 'GET /invoices/{id}'] }),
    ]);
  });

  it('a spec diffed against itself reports nothing (exit 0)', async () => {
    const out = await cli(['diff', join(DIFF, 'base.yaml'), join(DIFF, 'base.yaml')], SPECS);
    expect(out.code).toBe(0);
    expect(out.stdout).toContain('no changes');
  });

  it('OpenAPI 3.1 webhooks: a renamed required payload field is breaking', async () => {
    const out = await cli(['diff', join(SPECS, 'webhooks', 'before.yaml'), join(SPECS, 'webhooks', 'after.yaml')], SPECS);
    expect(out.code).toBe(1);
    expect(out.stdout).toMatch(/BREAKING \$\.amount_due is missing|BREAKING .*amount_due/);
    expect(out.stdout).toContain('webhook invoicePaid');
    expect(out.stdout).toContain('[response-property-removed]');
  });

  it('Swagger 2.0 is converted on load and diffed like OpenAPI 3', async () => {
    const out = await cli(['diff', join(SPECS, 'swagger2.yaml'), join(SPECS, 'swagger2-v2.yaml'), '--format', 'json'], SPECS);
    expect(out.code).toBe(1);
    const doc = JSON.parse(out.stdout) as { changes: Array<{ rule: string; endpoint: string; path: string }> };
    expect(doc.changes).toContainEqual(expect.objectContaining({ rule: 'response-property-type-changed', endpoint: '#/components/schemas/Shipment', path: '$.weight_kg' }));
  });

  it('a broken spec is bad input (exit 2) naming the file and line', async () => {
    const out = await cli(['diff', join(SPECS, 'broken.yaml'), join(DIFF, 'base.yaml')], SPECS);
    expect(out.code).toBe(2);
    expect(out.stderr).toMatch(/broken\.yaml:(8|9):\d+ not valid YAML/);
  });

  it('--connector and --all together, or an unknown connector, are bad input', async () => {
    expect((await cli(['diff', 'a.yaml', 'b.yaml', '--connector', 'x', '--all'], SPECS)).code).toBe(2);
    const unknown = await cli(['diff', join(DIFF, 'base.yaml'), join(DIFF, 'base.yaml'), '--connector', 'nope', '--root', root.dir], SPECS);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('nope');
  });

  it('the real binary: a large spec broken in structure is exit 2 naming where, though its check ran beside the diff', async () => {
    const require = createRequire(import.meta.url);
    const github = join(dirname(require.resolve('github-spec-old/package.json')), 'generated', 'api.github.com.json');
    const doc = JSON.parse(await readFile(github, 'utf8')) as { info: Record<string, unknown> };
    delete doc.info.version;
    const broken = join(root.dir, 'github-broken.json');
    await writeFile(broken, JSON.stringify(doc));
    const out = await runCli(['diff', github, broken, '--root', root.dir], { cwd: root.dir });
    expect(out.code).toBe(2);
    expect(out.stderr).toContain("github-broken.json:1:");
    expect(out.stderr).toContain("invalid openapi 3.0 spec: /info must have required property 'version'");
  }, 60_000);

  it('the real binary: same exit code and scoped report', async () => {
    const out = await runCli(['diff', join(DIFF, 'base.yaml'), join(DIFF, 'new-required-request-parameter.yaml'), '--connector', 'billing', '--root', root.dir], { cwd: SPECS });
    expect(out.code).toBe(1);
    expect(out.stdout).toContain('parameter query.account is a new required parameter [new-required-request-parameter]');
  });
});

describe('driftwatch types', () => {
  let root: TempRoot;
  beforeAll(async () => {
    root = await makeTempRoot();
    await root.writeConnector('billing', connectorBody('https://api.example.com/v1', [{ id: 'list', path: '/invoices' }], { spec: 'openapi.yaml' }));
    await copyFile(join(DIFF, 'base.yaml'), join(root.dir, 'contracts', 'billing', 'openapi.yaml'));
    await root.writeConnector('legacy', connectorBody('https://api.shipping.example/api', [{ id: 'one', path: '/shipments/s1' }], { spec: 'swagger.yaml' }));
    await copyFile(join(SPECS, 'swagger2.yaml'), join(root.dir, 'contracts', 'legacy', 'swagger.yaml'));
  });
  afterAll(() => root.cleanup());

  it('writes <connector>.api.d.ts that compiles with tsc --noEmit and types the responses', async () => {
    const out = await cli(['types', '--connector', 'billing', '--root', root.dir], root.dir);
    expect(out.code).toBe(0);
    expect(out.stdout).toBe('billing: wrote contracts/billing/billing.api.d.ts\n');
    const file = join(root.dir, 'contracts', 'billing', 'billing.api.d.ts');
    expect(await readFile(file, 'utf8')).toContain('Generated by `driftwatch types`');
    // A consumer file using the types: a wrong field type must fail to compile, the right one must pass.
    const use = (amount: string): string =>
      `import type { components } from './billing.api.js';\nconst invoice: components['schemas']['Invoice'] = { id: 'inv_1', amount_due: ${amount}, status: 'open' };\nexport default invoice;\n`;
    await writeFile(join(root.dir, 'contracts', 'billing', 'use.ts'), use('1200'));
    // --skipDefaultLibCheck still checks the generated .d.ts (--skipLibCheck would skip it) but not TypeScript's own
    // lib files: half the time of a full check, which kept this test's margin under load below 3x.
    const tsc = (files: string[]) => promisify(execFile)(process.execPath, [TSC, '--noEmit', '--strict', '--module', 'nodenext', '--moduleResolution', 'nodenext', '--skipDefaultLibCheck', ...files]);
    await expect(tsc([file, join(root.dir, 'contracts', 'billing', 'use.ts')])).resolves.toBeDefined();
    await writeFile(join(root.dir, 'contracts', 'billing', 'use.ts'), use("'12.00'"));
    const failed = await tsc([join(root.dir, 'contracts', 'billing', 'use.ts')]).then(
      () => '',
      (error: { stdout?: string }) => error.stdout ?? 'no output',
    );
    expect(failed).toMatch(/not assignable to type 'number'/);
  }, 60_000);

  it('a Swagger 2.0 spec is converted on load, so its types are generated too', async () => {
    const out = await cli(['types', '--root', root.dir], root.dir);
    expect(out.code).toBe(0);
    expect(out.stdout).toContain('billing: wrote');
    expect(out.stdout).toContain('legacy: wrote');
    expect(await readFile(join(root.dir, 'contracts', 'legacy', 'legacy.api.d.ts'), 'utf8')).toContain('Shipment');
  });

  it('a spec that cannot be read and a connector without one are named on stderr', async () => {
    await root.writeConnector('gone', connectorBody('https://api.example.com', [{ id: 'x', path: '/x' }], { spec: 'missing.yaml' }));
    await root.writeConnector('plain', connectorBody('https://api.example.com', [{ id: 'x', path: '/x' }]));
    const gone = await cli(['types', '--connector', 'gone', '--root', root.dir], root.dir);
    expect(gone.code).toBe(2);
    expect(gone.stderr).toMatch(/driftwatch: .*missing\.yaml/);
    const plain = await cli(['types', '--connector', 'plain', '--root', root.dir], root.dir);
    expect(plain).toEqual({ code: 0, stdout: '', stderr: 'plain: no spec in connector.yaml, skipped\n' });
  });
});
