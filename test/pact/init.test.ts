import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { run } from '../../src/cli/main.js';
import type { CliIo } from '../../src/cli/io.js';
import { loadConnectors } from '../../src/config/load-connectors.js';
import { makeTempRoot, type TempRoot } from '../helpers/temp-root.js';

function io(cwd: string): CliIo & { out: string[] } {
  const out: string[] = [];
  return { out, stdout: (t) => void out.push(t), stderr: () => {}, env: {}, cwd, color: false, now: () => new Date('2026-11-20T00:00:00Z') };
}

describe('driftwatch init', () => {
  let root: TempRoot | undefined;
  afterEach(async () => root?.cleanup());

  it('scaffolds a valid first connector, its contract test and a GitHub workflow with a PR verify job and a nightly scan', async () => {
    root = await makeTempRoot();
    const cli = io(root.dir);
    expect(await run(['init', '--ci', 'github', '--connector', 'crm'], cli)).toBe(0);
    const { connectors, problems } = await loadConnectors(root.dir);
    expect(problems).toEqual([]);
    expect(connectors.map((c) => c.name)).toEqual(['crm']);
    expect(await readFile(join(root.dir, 'contracts', 'crm', 'crm.pact.test.ts'), 'utf8')).toContain("provider: 'crm'");

    const workflow = parse(await readFile(join(root.dir, '.github', 'workflows', 'driftwatch.yml'), 'utf8')) as {
      on: Record<string, unknown>;
      jobs: Record<string, { if: string; steps: Array<{ run?: string; env?: Record<string, string> }> }>;
    };
    expect(Object.keys(workflow.on).sort()).toEqual(['pull_request', 'schedule', 'workflow_dispatch']);
    expect(workflow.jobs.verify?.if).toContain("== 'pull_request'");
    expect(workflow.jobs.verify?.steps.map((s) => s.run).filter(Boolean)).toContain('npx driftwatch verify --junit driftwatch-verify.xml');
    expect(workflow.jobs.scan?.if).toContain("!= 'pull_request'");
    const scanStep = workflow.jobs.scan?.steps.find((s) => s.run === 'npx driftwatch scan');
    expect(scanStep?.env?.CRM_API_KEY).toBe('${{ secrets.CRM_API_KEY }}');
  });

  it('never overwrites an existing file', async () => {
    root = await makeTempRoot();
    await root.writeConnector('example', 'name: example # mine\n');
    const cli = io(root.dir);
    expect(await run(['init', '--root', root.dir], cli)).toBe(0);
    expect(await readFile(join(root.dir, 'contracts', 'example', 'connector.yaml'), 'utf8')).toBe('name: example # mine\n');
    expect(cli.out.join('')).toContain('contracts/example/connector.yaml (left alone)');
  });
});
