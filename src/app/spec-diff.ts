// The spec-diff use case: two OpenAPI documents, judged for everyone (--all) or from one connector's side — its
// operations only, placed on its endpoints, with its contracts, overrides and ignore entries, as a scan judges.
import type { ConfigProblem } from '../core/model.js';
import { NO_USAGE } from '../core/usage.js';
import { diffSpecs, type DiffSpecsOptions } from '../openapi/diff-specs.js';
import { dirname } from 'node:path';
import { isSpecUrl, loadSpec, specLocation } from '../openapi/load-spec.js';
import { createOperationMatcher } from '../openapi/match-operation.js';
import { specCacheDir } from '../openapi/spec-drift.js';
import { metaOf, type SpecDiffReport } from '../report/model/spec-diff.js';
import { endpointOperations } from './spec-places.js';

export interface SpecDiffOptions {
  root: string;
  /** Where relative spec paths are read from. */
  cwd: string;
  oldSpec: string;
  newSpec: string;
  /** Judge from this connector's side; absent: the whole document. */
  connector?: string;
  /** Structural validation of both documents (default true). */
  validate?: boolean;
  now: Date;
}

/** Bad input comes back as problems (exit 2), never half a report. */
export type SpecDiffOutcome = { ok: true; report: SpecDiffReport } | { ok: false; problems: ConfigProblem[] };

export async function specDiff(options: SpecDiffOptions): Promise<SpecDiffOutcome> {
  // The two specs are what the person named on the command line; the files their `$ref`s pull in must stay inside
  // the project root or the spec's own folder (a `$ref` to /etc/passwd is refused).
  const load = (location: string): ReturnType<typeof loadSpec> => {
    const at = specLocation(location, options.cwd);
    return loadSpec(location, {
      baseDir: options.cwd,
      cacheDir: specCacheDir(options.root),
      validate: options.validate !== false,
      trustLocation: true,
      // A new spec version's structural check runs beside the diff; a broken spec still ends in exit 2.
      deferValidation: true,
      confine: { root: options.root, folders: isSpecUrl(at) ? [] : [dirname(at)] },
    });
  };
  const [before, after] = await Promise.all([load(options.oldSpec), load(options.newSpec)]);
  const problems = [before, after].flatMap((l) => (l.ok ? [] : [l.problem]));
  if (!before.ok || !after.ok) return { ok: false, problems };

  let diffOptions: DiffSpecsOptions = {};
  let endpoints: SpecDiffReport['endpoints'];
  let connectorSource: SpecDiffReport['connectorSource'];
  if (options.connector !== undefined) {
    // The connector, its contracts and their usage are loaded only for `--connector` (a plain diff never pays for them).
    const [{ loadConnectors }, { loadPacts }, { consumerUsage, contractUsage }] = await Promise.all([
      import('../config/load-connectors.js'),
      import('../pact/pact-file.js'),
      import('../pact/usage.js'),
    ]);
    const loaded = await loadConnectors(options.root, { only: options.connector });
    const connector = loaded.connectors.find((c) => c.name === options.connector);
    if (!connector) {
      const missing = { file: `${options.root}/contracts`, message: `no connector named ${options.connector}` };
      return { ok: false, problems: loaded.problems.length > 0 ? loaded.problems : [missing] };
    }
    const used = endpointOperations(connector, createOperationMatcher(before.spec.document, basePath(connector.baseUrl)));
    connectorSource = { file: connector.file, ...(connector.lines ? { lines: connector.lines } : {}) };
    endpoints = connector.endpoints.map((e) => ({ id: e.id, method: e.method, path: e.path, ...(used.has(e.id) ? { operation: used.get(e.id)! } : {}) }));
    const { pacts } = await loadPacts(options.root);
    diffOptions = {
      operations: [...new Set(used.values())],
      endpoints: used,
      // The consumer's judgement, as in a scan: its contracts decide what matters, its ignore entries what is known.
      judge: {
        connector: connector.name,
        severity: connector.severity,
        usage: pacts.length > 0 ? consumerUsage(contractUsage(connector, pacts)) : NO_USAGE,
        ignore: connector.ignore,
        today: options.now.toISOString().slice(0, 10),
      },
    };
  }
  const checked = (): Promise<ConfigProblem[]> => Promise.all([before.spec.validation, after.spec.validation]).then((all) => all.filter((p): p is ConfigProblem => p !== undefined));
  let result: Awaited<ReturnType<typeof diffSpecs>>;
  try {
    result = await diffSpecs(before.spec.document, after.spec.document, { ...diffOptions, now: options.now });
  } catch (error) {
    // A structurally broken spec may trip the diff: the structural problem is the answer, not the crash.
    const invalid = await checked();
    if (invalid.length > 0) return { ok: false, problems: invalid };
    throw error;
  }
  const invalid = await checked();
  if (invalid.length > 0) return { ok: false, problems: invalid };
  return {
    ok: true,
    report: {
      before: metaOf(options.oldSpec, before.spec.document),
      after: metaOf(options.newSpec, after.spec.document),
      ...(options.connector !== undefined ? { connector: options.connector } : {}),
      ...(connectorSource ? { connectorSource } : {}),
      ...(endpoints ? { endpoints } : {}),
      result,
    },
  };
}

function basePath(baseUrl: string): string[] {
  try {
    return [new URL(baseUrl).pathname];
  } catch {
    return [];
  }
}
