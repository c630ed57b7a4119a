// The `events:` section of connector.yaml: defaults filled, every mistake with its file:line:col, exit 2 from the CLI.
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { formatProblem } from '../../src/core/format-problem.js';
import { loadConnectors } from '../../src/config/load-connectors.js';
import { makeTempRoot, type TempRoot } from '../helpers/temp-root.js';
import { runMain } from '../helpers/run-main.js';

let root: TempRoot;
beforeEach(async () => {
  root = await makeTempRoot('driftwatch-events-config-');
});
afterEach(async () => {
  await root.cleanup();
});

const MINIMAL = ['name: acme', 'owner:', '  name: Ana', 'baseUrl: https://api.acme.test/v1', 'endpoints:', '  - id: list', '    path: /things'];

async function load(lines: string[]) {
  await root.writeConnector('acme', [...MINIMAL, ...lines].join('\n') + '\n');
  const result = await loadConnectors(root.dir);
  return { connector: result.connectors[0], problems: result.problems.map((p) => formatProblem(p, root.dir)) };
}

describe('events: in connector.yaml', () => {
  it('fills the defaults: typeField type, each scheme its header and a 5-minute tolerance', async () => {
    expect((await load(['events: {}'])).connector?.events).toEqual({ typeField: 'type' });
    const stripe = await load(['events:', '  typeField: $.event.type', '  signature:', '    scheme: stripe', '    secretEnv: ACME_WEBHOOK_SECRET']);
    expect(stripe.connector?.events).toEqual({ typeField: '$.event.type', signature: { scheme: 'stripe', header: 'Stripe-Signature', secretEnv: 'ACME_WEBHOOK_SECRET', toleranceSeconds: 300 } });
    const github = await load(['events:', '  signature: { scheme: github, secretEnv: GH_SECRET }']);
    expect(github.connector?.events?.signature?.header).toBe('X-Hub-Signature-256');
    expect((await load(['events:', '  signature: { scheme: none }'])).connector?.events).toEqual({ typeField: 'type' });
    expect((await load([])).connector?.events).toBeUndefined();
  });

  it('reports each mistake at its place', async () => {
    const { problems } = await load([
      'events:',
      '  typeField: "type["',
      '  signature:',
      '    scheme: sha1',
      '    header: "X Sig"',
      '    secretEnv: whsec/live=1234',
      '  color: red',
    ]);
    expect(problems).toEqual([
      expect.stringMatching(/^contracts\/acme\/connector\.yaml:9:14 events\.typeField .*not a body path/),
      expect.stringMatching(/^contracts\/acme\/connector\.yaml:11:13 events\.signature\.scheme must be one of hmac-sha256 \| stripe \| github \| none/),
      expect.stringMatching(/^contracts\/acme\/connector\.yaml:12:13 events\.signature\.header must be a valid HTTP header name/),
      expect.stringMatching(/^contracts\/acme\/connector\.yaml:13:16 events\.signature\.secretEnv must be the name of an environment variable/),
      expect.stringMatching(/^contracts\/acme\/connector\.yaml:14:3 events\.color is not a known key/),
    ]);
  });

  it('hmac-sha256 needs its header and secretEnv; scheme none takes no secret', async () => {
    const hmac = await load(['events:', '  signature:', '    scheme: hmac-sha256']);
    expect(hmac.problems.join('\n')).toMatch(/events\.signature\.header is required/);
    expect(hmac.problems.join('\n')).toMatch(/events\.signature\.secretEnv is required/);
    const none = await load(['events:', '  signature: { scheme: none, secretEnv: X_SECRET }']);
    expect(none.problems).toEqual([expect.stringMatching(/events\.signature\.secretEnv.*scheme none checks no signature/)]);
  });

  it('a broken events: section is bad input for ingest (exit 2), named with file:line:col', async () => {
    await root.writeConnector('acme', [...MINIMAL, 'events:', '  signature: { scheme: md5 }'].join('\n') + '\n');
    const run = await runMain(['ingest', '--connector', 'acme', join(root.dir, 'x.jsonl')], { cwd: root.dir });
    expect(run.code).toBe(2);
    expect(run.stdout + run.stderr).toMatch(/connector\.yaml:9:\d+ events\.signature\.scheme must be one of/);
  });
});
