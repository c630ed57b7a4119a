// The init use case: scaffolds contracts/ with a first connector and its contract test, and optionally a CI workflow;
// makes the project able to run that test (dev dependencies and a `contracts` script in its package.json) and keeps
// the local history store out of git (.gitignore).
import { access, mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import { packageRoot } from '../demo/package-root.js';
import { inputError } from '../errors.js';
import { githubWorkflowTemplate } from './init-workflow.js';

export interface InitOptions {
  /** Name of the first connector (its folder under contracts/). */
  connector?: string;
  ci?: 'github';
}

export interface InitResult {
  /** Files written, relative to the root. */
  created: string[];
  /** Files that already existed and were left alone. */
  skipped: string[];
  /** Existing files changed, with what changed: `package.json: devDependencies vitest, ...`. */
  updated: string[];
  /** Dev dependencies added to package.json: the project needs an `npm install` before its contract test runs. */
  installNeeded: boolean;
  /** No package.json at the root: what to add by hand for the contract test to run. */
  manualSteps: string[];
  /** The environment variable (and CI secret) holding the connector's token. */
  tokenEnv: string;
}

/** The script the scaffolded contract tests run with; `driftwatch verify` and the workflow name it. */
const CONTRACTS_SCRIPT = 'vitest run contracts/';
/** Packages the scaffolded contract test imports. */
const TEST_PACKAGES = ['vitest', '@pact-foundation/pact'] as const;

const NAME = /^[a-z0-9][a-z0-9_-]*$/;

/**
 * The token's environment variable, also its CI secret name, so it must be one GitHub accepts: letters, digits and
 * `_`, not starting with a digit nor with `GITHUB_` (reserved). `github` -> GH_API_KEY, `3pl` -> CONNECTOR_3PL_API_KEY.
 */
export function secretName(connector: string): string {
  const name = `${connector.toUpperCase().replace(/[^A-Z0-9]/g, '_')}_API_KEY`;
  if (name.startsWith('GITHUB_')) return `GH_${name.slice('GITHUB_'.length)}`;
  if (/^[0-9]/.test(name)) return `CONNECTOR_${name}`;
  return name;
}

function connectorTemplate(name: string): string {
  return `# ${name}: one integration with one vendor API. Reviewed in git like code.
# Full reference: the driftwatch README ("Connector files").
name: ${name}
vendor: Example Vendor
description: What this connector does for the business, in one line.
owner:
  name: Your Name
  slack: "#integrations"
  email: you@example.com
dataOwner: The team that owns the data it moves
runbook: https://wiki.example.com/runbooks/${name}
businessProcess: Which business process stops when this connector breaks
failureMode: What users see when it does
baseUrl: https://api.example.com
auth:
  # The NAME of the environment variable holding the token, never the token itself.
  type: bearer
  tokenEnv: ${secretName(name)}
schedule: "0 3 * * *"
# spec: openapi.yaml      # the vendor's OpenAPI document, for \`driftwatch verify\` and spec checks
endpoints:
  - id: list-things
    path: /v1/things
# Known changes accepted on purpose (\`driftwatch accept --change <fingerprint> --reason "..."\` writes these):
# ignore:
#   - rule: response-property-added
#     path: $.data[*].*
#     reason: new optional fields are fine for us
#     acceptedBy: you@example.com
#     expires: 2026-12-31
`;
}

function contractTestTemplate(name: string): string {
  return `// The consumer contract of connector \`${name}\`: exactly the fields your code reads, pinned as a Pact V4 file.
// Run with \`npm run contracts\`; \`driftwatch verify\` checks the pact against the vendor's spec and snapshots.
import { fileURLToPath } from 'node:url';
import { MatchersV3, PactV4 } from '@pact-foundation/pact';
import { expect, it } from 'vitest';

const { eachLike, integer, string } = MatchersV3;

// The provider name must be the connector's name: that is how driftwatch finds the pact.
const pact = new PactV4({
  consumer: 'my-service',
  provider: '${name}',
  dir: fileURLToPath(new URL('../pacts', import.meta.url)),
});

it('reads the things it needs', async () => {
  await pact
    .addInteraction()
    .uponReceiving('a page of things')
    .withRequest('GET', '/v1/things')
    .willRespondWith(200, (b) => b.jsonBody({ data: eachLike({ id: string('thing_1'), amount: integer(100) }) }))
    .executeTest(async (mock) => {
      // Call your real client here; this fetch stands in for it.
      const response = await fetch(\`\${mock.url}/v1/things\`);
      const page = (await response.json()) as { data: Array<{ id: string; amount: number }> };
      expect(page.data[0]?.id).toBe('thing_1');
    });
});
`;
}

async function exists(file: string): Promise<boolean> {
  try {
    await access(file);
    return true;
  } catch {
    return false;
  }
}

interface PackageJson {
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
  scripts?: Record<string, string>;
  [key: string]: unknown;
}

/** The versions driftwatch itself is tested with, as caret ranges (its own package.json is the one source). */
async function testedVersions(): Promise<Record<(typeof TEST_PACKAGES)[number], string>> {
  const own = JSON.parse(await readFile(join(packageRoot(), 'package.json'), 'utf8')) as PackageJson;
  const version = (name: string): string => {
    const pinned = own.devDependencies?.[name] ?? own.dependencies?.[name];
    if (!pinned) throw new Error(`driftwatch's package.json does not name ${name}`);
    return /^\d/.test(pinned) ? `^${pinned}` : pinned;
  };
  return { vitest: version('vitest'), '@pact-foundation/pact': version('@pact-foundation/pact') };
}

/**
 * Adds what the scaffolded contract test needs to the project's package.json, leaving everything already there
 * alone: the packages it imports as dev dependencies, and the `contracts` script (what `driftwatch verify` suggests
 * and the workflow runs). Keeps the file's indentation.
 */
async function addTestRunner(root: string, result: InitResult): Promise<void> {
  const file = join(root, 'package.json');
  if (!(await exists(file))) {
    result.manualSteps.push(
      `no package.json here: add ${TEST_PACKAGES.join(' and ')} as dev dependencies and a "contracts": "${CONTRACTS_SCRIPT}" script to run the contract test`,
    );
    return;
  }
  const text = await readFile(file, 'utf8');
  let manifest: PackageJson;
  try {
    manifest = JSON.parse(text) as PackageJson;
  } catch (error) {
    throw inputError(`${file}: not valid JSON (${error instanceof Error ? error.message : String(error)})`);
  }
  const versions = await testedVersions();
  const added: string[] = [];
  for (const name of TEST_PACKAGES) {
    if (manifest.dependencies?.[name] || manifest.devDependencies?.[name]) continue;
    manifest.devDependencies = { ...manifest.devDependencies, [name]: versions[name] };
    added.push(name);
  }
  const changes: string[] = [];
  if (added.length) {
    manifest.devDependencies = Object.fromEntries(Object.entries(manifest.devDependencies ?? {}).sort(([a], [b]) => a.localeCompare(b)));
    changes.push(`devDependencies ${added.join(', ')}`);
    result.installNeeded = true;
  }
  if (!manifest.scripts?.['contracts']) {
    manifest.scripts = { ...manifest.scripts, contracts: CONTRACTS_SCRIPT };
    changes.push('script "contracts"');
  }
  if (!changes.length) return;
  const indent = /^[ \t]+(?=")/m.exec(text)?.[0] ?? '  ';
  await writeFile(file, `${JSON.stringify(manifest, null, indent)}\n`, 'utf8');
  result.updated.push(`package.json: ${changes.join(', ')}`);
}

/** Lines init keeps out of git: the local history store and spec cache. */
const IGNORED = ['.driftwatch/'];

async function addGitignore(root: string, result: InitResult): Promise<void> {
  const file = join(root, '.gitignore');
  const text = (await exists(file)) ? await readFile(file, 'utf8') : null;
  const have = new Set((text ?? '').split(/\r?\n/).map((line) => line.trim().replace(/^\//, '')));
  const missing = IGNORED.filter((entry) => !have.has(entry) && !have.has(entry.replace(/\/$/, '')));
  if (!missing.length) return;
  const prefix = text === null || text === '' || text.endsWith('\n') ? (text ?? '') : `${text}\n`;
  await writeFile(file, `${prefix}# driftwatch: local drift history and spec cache\n${missing.join('\n')}\n`, 'utf8');
  if (text === null) result.created.push('.gitignore');
  else result.updated.push(`.gitignore: ${missing.join(', ')}`);
}

/** Writes the scaffold; never overwrites a file that is already there, only adds to package.json and .gitignore. */
export async function initProject(root: string, options: InitOptions = {}): Promise<InitResult> {
  const name = options.connector ?? 'example';
  if (!NAME.test(name)) throw inputError(`connector name "${name}" must be lower-case letters, digits, - and _`);
  const tokenEnv = secretName(name);
  const files: Array<[string, string]> = [
    [join(root, 'contracts', name, 'connector.yaml'), connectorTemplate(name)],
    [join(root, 'contracts', name, `${name}.pact.test.ts`), contractTestTemplate(name)],
    [join(root, 'contracts', 'pacts', '.gitkeep'), ''],
    [join(root, 'snapshots', '.gitkeep'), ''],
  ];
  if (options.ci === 'github') files.push([join(root, '.github', 'workflows', 'driftwatch.yml'), githubWorkflowTemplate({ tokenSecret: tokenEnv, connector: name })]);
  const result: InitResult = { created: [], skipped: [], updated: [], installNeeded: false, manualSteps: [], tokenEnv };
  for (const [file, text] of files) {
    const rel = relative(root, file).split('\\').join('/');
    if (await exists(file)) {
      result.skipped.push(rel);
      continue;
    }
    await mkdir(dirname(file), { recursive: true });
    await writeFile(file, text, { encoding: 'utf8', flag: 'wx' });
    result.created.push(rel);
  }
  await addTestRunner(root, result);
  await addGitignore(root, result);
  return result;
}
