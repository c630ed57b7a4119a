// Real vendor specs: GitHub's REST API description at two published versions (@octokit/openapi 22.0.0 and 23.0.2):
// the diff (golden file) and the response validator on sampled responses of every GET operation.
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { sample } from 'openapi-sampler';
import type { Finding, JsonValue } from '../../src/core/model.js';
import { redactValue } from '../../src/core/redact.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { diffSpecs, type SpecDiffResult } from '../../src/openapi/diff-specs.js';
import { loadSpec } from '../../src/openapi/load-spec.js';
import { listOperations } from '../../src/openapi/operations.js';
import { createResponseValidator } from '../../src/openapi/response-validator.js';
import type { LoadedSpec } from '../../src/openapi/types.js';

const require = createRequire(import.meta.url);
const specFile = (pkg: string): string => join(dirname(require.resolve(`${pkg}/package.json`)), 'generated', 'api.github.com.json');

async function load(pkg: string, validate: boolean): Promise<LoadedSpec> {
  const result = await loadSpec(specFile(pkg), { baseDir: process.cwd(), validate });
  if (!result.ok) throw new Error(result.problem.message);
  return result.spec;
}

/**
 * Sampling inputs only: the spec's `example`s are documentation and several contradict their own schema (an array's
 * example on its items, `"1367712000"` for an integer); the sampler should generate from the schema.
 */
function withoutExamples(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutExamples);
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) if (key !== 'example' && key !== 'examples') out[key] = withoutExamples(v);
  return out;
}

/** The only sampled responses not held to zero mismatches, each for a stated reason (not the validator's fault). */
const SKIPPED: Record<string, string> = {
  // Spec bug: "Docker Metadata" requires `tags` but declares only `tag`; the sampler never emits undeclared properties.
  'GET /orgs/{org}/packages/{package_type}/{package_name}/versions': 'docker metadata requires undeclared `tags`',
  'GET /orgs/{org}/packages/{package_type}/{package_name}/versions/{package_version_id}': 'docker metadata requires undeclared `tags`',
  'GET /user/packages/{package_type}/{package_name}/versions': 'docker metadata requires undeclared `tags`',
  'GET /user/packages/{package_type}/{package_name}/versions/{package_version_id}': 'docker metadata requires undeclared `tags`',
  'GET /users/{username}/packages/{package_type}/{package_name}/versions': 'docker metadata requires undeclared `tags`',
  'GET /users/{username}/packages/{package_type}/{package_name}/versions/{package_version_id}': 'docker metadata requires undeclared `tags`',
  // openapi-sampler's pattern generator ignores minLength/maxLength: `commit_sha` needs 40 (or 64) hex characters.
  'GET /repos/{owner}/{repo}/code-scanning/analyses': 'sampler pattern ignores length bounds',
  'GET /repos/{owner}/{repo}/code-scanning/analyses/{analysis_id}': 'sampler pattern ignores length bounds',
};

/** One finding per line for the golden file: severity, rule, place (and how many operations it reaches), path. */
function goldenLine(c: Finding): string {
  const reach = c.reaches ? ` (reaches ${c.reaches.length})` : '';
  return `${c.severity.padEnd(8)} ${c.rule.padEnd(40)} ${c.endpoint}${reach} ${c.path}`;
}

describe('GitHub REST API spec, 22.0.0 -> 23.0.2', () => {
  let before: LoadedSpec;
  let after: LoadedSpec;
  let all: SpecDiffResult;

  beforeAll(async () => {
    [before, after] = await Promise.all([load('github-spec-old', false), load('github-spec-new', true)]);
    expect(before.version).toBe('openapi-3.0');
    all = await diffSpecs(before.document, after.document, { now: new Date('2026-11-23T00:00:00Z') });
  }, 120_000);

  it('diffs the whole document, one finding per change: a change in a shared component is one finding', () => {
    expect(all.operations.before).toBeGreaterThan(1000);
    expect(all.operations.after).toBeGreaterThan(all.operations.before);
    expect(all.notJudged).toEqual([]);
    // The old engine reported 1,451 changes (one per operation and path a shared schema reached).
    expect(all.changes.length).toBeLessThan(1200);
    const fingerprints = new Set(all.changes.map((c) => c.fingerprint));
    expect(fingerprints.size).toBe(all.changes.length);
  });

  it('finds the team discussions API removed (it was deprecated): breaking for whoever still calls it', () => {
    const removed = all.changes.filter((c) => c.rule === 'api-path-removed').map((c) => c.endpoint);
    expect(removed).toContain('GET /teams/{team_id}/discussions');
    expect(removed).toContain('POST /orgs/{org}/teams/{team_slug}/discussions');
    const change = all.changes.find((c) => c.endpoint === 'GET /teams/{team_id}/discussions');
    expect(change).toMatchObject({ severity: 'breaking', message: expect.stringContaining('it was deprecated') });
  });

  it('finds the new `multi_select` issue field data type once, at the shared component, reaching the issue operations', () => {
    const found = all.changes.filter((c) => c.rule === 'response-enum-value-added' && c.after !== undefined && JSON.stringify(c.after).includes('multi_select') && c.path.endsWith('data_type'));
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ severity: 'warning', endpoint: '#/components/schemas/issue-field-value', path: '$.data_type', after: ['multi_select'] });
    expect(found[0]!.reaches).toContain('GET /repos/{owner}/{repo}/issues');
    expect(found[0]!.reaches!.length).toBeGreaterThan(50);
  });

  it('finds the new repository field `pull_request_creation_policy` (info), the removed SARIF media type (breaking) and the new optional request field', () => {
    expect(all.changes).toContainEqual(
      expect.objectContaining({ rule: 'response-property-added', severity: 'info', endpoint: '#/components/schemas/full-repository', path: '$.pull_request_creation_policy', reaches: expect.arrayContaining(['GET /repos/{owner}/{repo}']) }),
    );
    expect(all.changes).toContainEqual(
      expect.objectContaining({ rule: 'response-media-type-removed', endpoint: 'GET /repos/{owner}/{repo}/code-scanning/analyses/{analysis_id}', before: 'application/json+sarif' }),
    );
    expect(all.changes).toContainEqual(
      expect.objectContaining({ rule: 'new-optional-request-property', severity: 'info', endpoint: 'PATCH /repos/{owner}/{repo}', path: 'request body application/json $.pull_request_creation_policy' }),
    );
  });

  it('finds the stricter `commit_sha` pattern on SARIF upload (request side) at its component', () => {
    expect(all.changes).toContainEqual(
      expect.objectContaining({ rule: 'request-property-pattern-added', endpoint: '#/components/schemas/code-scanning-analysis-commit-sha', reaches: ['POST /repos/{owner}/{repo}/code-scanning/sarifs'] }),
    );
  });

  it('breaking and warning findings match the golden file', async () => {
    const lines = all.changes.filter((c) => c.severity !== 'info').map(goldenLine);
    await expect(`${lines.join('\n')}\n`).toMatchFileSnapshot('../golden/spec-diff-github-22-23.txt');
  });

  it('consumer scoping: only the three operations a connector uses are judged, the rest is summed up', async () => {
    const used = ['GET /repos/{owner}/{repo}', 'GET /repos/{owner}/{repo}/issues', 'GET /teams/{team_id}/discussions'];
    const scoped = await diffSpecs(before.document, after.document, { operations: used });
    const reached = new Set(scoped.changes.flatMap((c) => c.reaches ?? [c.endpoint]));
    expect([...reached].every((op) => used.includes(op))).toBe(true);
    expect(reached).toEqual(new Set(used));
    expect(scoped.summary.breaking).toBe(1);
    expect(scoped.outOfScope.changes + scoped.changes.length).toBe(all.changes.length);
    expect(scoped.outOfScope.operations).toBeGreaterThan(200);
  });

  it.each([
    ['22.0.0', () => before],
    ['23.0.2', () => after],
  ])('validates sampled responses of every GET operation (%s) against the same spec with zero mismatches', (_v, spec) => {
    const doc = spec().document;
    const bare = withoutExamples(doc) as Record<string, unknown>;
    const validator = createResponseValidator(spec());
    let checked = 0;
    const failures: string[] = [];
    for (const op of listOperations(doc)) {
      if (op.method !== 'GET' || SKIPPED[op.key]) continue;
      for (const [status, response] of Object.entries(validator.view(op).responses)) {
        if (!status.startsWith('2')) continue;
        const media = Object.keys(response.content).find((m) => m.includes('json'));
        if (!media) continue;
        const body = sample(response.content[media]!.schema as never, { skipWriteOnly: true, quiet: true, enablePatterns: true }, bare);
        // Twice: as sampled, and redacted the way the sampler keeps every live body (secret-named fields become a
        // marker string), which must not read as the vendor breaking its spec.
        for (const candidate of [body, redactValue(body as JsonValue, [])]) {
          const result = validator.check(op, Number(status), media, candidate as never);
          checked++;
          if (result.kind !== 'checked' || result.mismatches.length > 0) failures.push(`${op.key} ${status}: ${JSON.stringify(result).slice(0, 300)}`);
        }
      }
    }
    expect(failures).toEqual([]);
    expect(checked).toBeGreaterThan(1000);
  }, 120_000);
});
