// owners.yaml parsing: people, teams, per-connector rows and windows; bad entries reported with file:line:col.
import { mkdtemp, rm } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { formatProblem } from '../../src/core/format-problem.js';
import { policyFor, resolveOwnership } from '../../src/core/ownership.js';
import { loadOwners, parseOwnersYaml } from '../../src/owners/load-owners.js';
import { testConnector } from './rule-table.js';

const fixture = (name: string) => fileURLToPath(new URL(`../fixtures/owners/${name}`, import.meta.url));
const parse = (name: string) => parseOwnersYaml(readFileSync(fixture(name), 'utf8'), fixture(name));

describe('owners.yaml', () => {
  it('reads people, teams, rows and windows', () => {
    const { registry, problems } = parse('owners.yaml');
    expect(problems).toEqual([]);
    expect(registry.people.map((p) => [p.id, p.kind, p.active])).toEqual([
      ['dana', 'person', false],
      ['omar', 'person', true],
      ['finance-ops', 'team', true],
    ]);
    expect(registry.reviewEveryDays).toBe(90);
    expect(policyFor(registry, 'crm')).toEqual({ reviewEveryDays: 90, credentialWarnDays: 10, tlsWarnDays: 30 });
    expect(policyFor(registry, 'billing').tlsWarnDays).toBe(21);
    expect(registry.connectors['billing']).toEqual({ owner: 'dana', dataOwner: 'finance-ops', channel: '#billing-integrations', reviewedAt: '2026-11-01' });
  });

  it('the registry row decides who owns the connector and how to mention them', () => {
    const { registry } = parse('owners.yaml');
    const r = resolveOwnership(testConnector({ owner: { name: 'Someone Else', slack: '@else' } }), registry);
    expect(r.ownerName).toBe('Dana Reyes');
    expect(r.mention).toBe('<@U024DANA>');
    expect(r.dataOwnerName).toBe('Finance operations');
    expect(r.channel).toBe('#billing-integrations');
  });

  it('reports each bad entry with line and column and keeps the good ones', () => {
    const { registry, problems } = parse('broken.yaml');
    const lines = problems.map((p) => formatProblem(p, fileURLToPath(new URL('../fixtures/owners/', import.meta.url))));
    expect(lines).toEqual([
      'broken.yaml:1:18 reviewEveryDays must be a whole number of days (1 or more)',
      'broken.yaml:5:13 people[0].active must be true or false',
      'broken.yaml:6:5 people[1] id is required',
      'broken.yaml:12:14 connectors.billing.channel must be a Slack channel starting with # (quote it in YAML: "#billing")',
      'broken.yaml:13:17 connectors.billing.reviewedAt must be an ISO date (YYYY-MM-DD)',
      expect.stringMatching(/^broken\.yaml:14:13 connectors\.billing\.colour unknown key/),
      'broken.yaml:11:12 connectors.billing.owner "ghost" is not a person or team id in this file',
    ]);
    expect(registry.people.map((p) => p.id)).toEqual(['omar']);
    expect(registry.reviewEveryDays).toBe(180);
  });

  it('a missing file is no problem: defaults apply', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'driftwatch-owners-'));
    try {
      const { registry, problems } = await loadOwners(dir);
      expect(problems).toEqual([]);
      expect(registry.file).toBeUndefined();
      expect(registry.reviewEveryDays).toBe(180);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('a YAML syntax error names the line', () => {
    const { problems } = parseOwnersYaml('people:\n  - id: a\n   name: [\n', '/x/owners.yaml');
    expect(problems[0]?.line).toBeGreaterThanOrEqual(2);
    expect(problems[0]?.message).toMatch(/^YAML syntax error/);
    expect(parseOwnersYaml('people:\n  - id: a\n   name: [\n', '/x/owners.yaml').unusable).toBe(true);
    expect(parseOwnersYaml('- just\n- a list\n', '/x/owners.yaml').unusable).toBe(true);
    expect(parseOwnersYaml('reviewEveryDays: -3\n', '/x/owners.yaml').unusable).toBe(false);
  });
});
