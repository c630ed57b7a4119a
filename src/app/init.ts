// The init use case: scaffolds contracts/ with a first connector and its contract test, and optionally a CI workflow.
import { access, mkdir, writeFile } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import { inputError } from '../errors.js';

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
}

const NAME = /^[a-z0-9][a-z0-9_-]*$/;

function envPrefix(name: string): string {
  return name.toUpperCase().replace(/[^A-Z0-9]/g, '_');
}

export function connectorTemplate(name: string): string {
  const env = envPrefix(name);
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
  tokenEnv: ${env}_API_KEY
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

export function contractTestTemplate(name: string): string {
  return `// The consumer contract of connector \`${name}\`: exactly the fields your code reads, pinned as a Pact V4 file.
// Run with \`npx vitest run contracts/\`; \`driftwatch verify\` checks the pact against the vendor's spec and snapshots.
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

export function githubWorkflowTemplate(name: string): string {
  const env = envPrefix(name);
  return `# driftwatch: the contract gate on every pull request, and the nightly drift scan.
name: driftwatch

on:
  pull_request:
  schedule:
    - cron: "17 3 * * *"
  workflow_dispatch:

permissions:
  contents: read

jobs:
  verify:
    # The CI gate: pacts vs the vendor's spec and vs the accepted snapshots. No network, no secrets needed.
    if: github.event_name == 'pull_request'
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - uses: actions/setup-node@v4
        with:
          node-version: 20
          cache: npm
      - run: npm ci
      # Re-run the consumer contract tests: a client change that breaks its own pact fails here first.
      - run: npx vitest run contracts/
        env:
          PACT_DO_NOT_TRACK: "true"
      # Exit 1 when a contract is broken, 2 on bad input. The Markdown summary lands on the run page.
      - run: npx driftwatch verify --junit driftwatch-verify.xml
        env:
          PACT_DO_NOT_TRACK: "true"
      - uses: actions/upload-artifact@v4
        if: always()
        with:
          name: driftwatch-verify
          path: driftwatch-verify.xml

  scan:
    # The nightly job: sample every vendor, diff against snapshots, record drift, tell the owners.
    if: github.event_name != 'pull_request'
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - uses: actions/setup-node@v4
        with:
          node-version: 20
          cache: npm
      - run: npm ci
      - run: npx driftwatch scan
        env:
          # Secrets come from the repository's Actions secrets; connector files only name them.
          ${env}_API_KEY: \${{ secrets.${env}_API_KEY }}
          # A postgres:// URL keeps the drift history between runs (a runner's disk does not).
          DRIFTWATCH_DB: \${{ secrets.DRIFTWATCH_DB }}
          PACT_DO_NOT_TRACK: "true"
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

/** Writes the scaffold; never overwrites a file that is already there. */
export async function initProject(root: string, options: InitOptions = {}): Promise<InitResult> {
  const name = options.connector ?? 'example';
  if (!NAME.test(name)) throw inputError(`connector name "${name}" must be lower-case letters, digits, - and _`);
  const files: Array<[string, string]> = [
    [join(root, 'contracts', name, 'connector.yaml'), connectorTemplate(name)],
    [join(root, 'contracts', name, `${name}.pact.test.ts`), contractTestTemplate(name)],
    [join(root, 'contracts', 'pacts', '.gitkeep'), ''],
    [join(root, 'snapshots', '.gitkeep'), ''],
  ];
  if (options.ci === 'github') files.push([join(root, '.github', 'workflows', 'driftwatch.yml'), githubWorkflowTemplate(name)]);
  const result: InitResult = { created: [], skipped: [] };
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
  return result;
}
