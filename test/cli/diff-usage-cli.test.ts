// `diff --connector` judges like a scan: on the connector's endpoints, at the paths a scan uses; pinned fields break,
// unpinned ones warn, ignore entries (written as for a scan) suppress. Each change is then one finding at its place
// in the spec (a shared component), listing the connector's operations it reaches.
import { cp, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse, parseDocument, stringify } from 'yaml';
import { runMain } from '../helpers/run-main.js';
import { makeTempRoot, type TempRoot } from '../helpers/temp-root.js';

const CONTRACTS = fileURLToPath(new URL('../../contracts/', import.meta.url));

interface DiffJson {
  summary: { breaking: number; warning: number };
  changes: Array<{ rule: string; severity: string; endpoint: string; path: string; message: string; pinned?: boolean; reaches?: string[]; suppressed?: { reason: string } }>;
}

describe('driftwatch diff --connector with contracts', () => {
  let root: TempRoot;
  const oldSpec = () => join(root.dir, 'contracts', 'billing', 'openapi.yaml');
  const newSpec = () => join(root.dir, 'ledgerly-next.yaml');
  const diff = async () => {
    const run = await runMain(['diff', oldSpec(), newSpec(), '--connector', 'billing', '--format', 'json'], { cwd: root.dir });
    return { code: run.code, json: JSON.parse(run.stdout) as DiffJson, stderr: run.stderr };
  };
  const find = (json: DiffJson, field: string) =>
    json.changes.filter((c) => c.endpoint === '#/components/schemas/Invoice' && c.path === field);

  beforeAll(async () => {
    root = await makeTempRoot();
    // the shipped example: the billing connector, its spec, and the pact its consumer test wrote
    await cp(CONTRACTS, join(root.dir, 'contracts'), { recursive: true, filter: (p) => !p.endsWith('.ts') });
    interface Spec { components: { schemas: { Invoice: { properties: Record<string, { type?: string }> } } } }
    const spec = parse(await readFile(oldSpec(), 'utf8')) as Spec;
    const invoice = spec.components.schemas.Invoice.properties;
    delete invoice['customer_email']; // no contract reads it
    invoice['amount_due'] = { type: 'string' }; // the contract pins it
    await writeFile(newSpec(), stringify(spec), 'utf8');
  });
  afterAll(() => root.cleanup());

  it('keeps a change to a pinned field breaking and downgrades the same kind of change to an unpinned one', async () => {
    const { code, json } = await diff();
    expect(code).toBe(1);
    const [retyped] = find(json, '$.amount_due');
    expect(retyped).toMatchObject({ rule: 'response-property-type-changed', severity: 'breaking', pinned: true, reaches: expect.arrayContaining(['GET /v1/invoices']) });
    const [removed] = find(json, '$.customer_email');
    expect(removed).toMatchObject({ rule: 'response-property-removed', severity: 'warning', pinned: false });
    expect(removed!.message).toContain('not used by any contract');
  });

  it('an ignore entry in connector.yaml suppresses the known change and unblocks the build, still listed', async () => {
    const file = join(root.dir, 'contracts', 'billing', 'connector.yaml');
    const doc = parseDocument(await readFile(file, 'utf8'));
    doc.set('ignore', [
      { rule: 'response-property-type-changed', path: '$**.amount_due', reason: 'decimal strings from 2026-12, parser ready', acceptedBy: 'dana', expires: '2099-01-01' },
    ]);
    await writeFile(file, doc.toString(), 'utf8');
    const { code, json, stderr } = await diff();
    expect(code, stderr).toBe(0);
    const retyped = json.changes.filter((c) => c.rule === 'response-property-type-changed' && c.path.endsWith('amount_due'));
    expect(retyped.length).toBeGreaterThan(0);
    for (const change of retyped) expect(change.suppressed?.reason).toContain('parser ready');
    expect(json.summary.breaking).toBe(0);
  });
});
