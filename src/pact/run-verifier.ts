// Runs the real Pact verifier on one pact file in a child process and turns its JSON report into per-interaction mismatches.
import { fork } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { isRecord } from '../core/is-record.js';

export interface VerifierJob {
  provider: string;
  providerBaseUrl: string;
  pactFile: string;
  /** Auth headers for live runs. Sent over IPC only: never argv, env or disk. */
  headers: Record<string, string>;
  query: Record<string, string>;
  timeoutMs: number;
}

export interface VerifierReply {
  ok: boolean;
  json: string;
}

export interface VerifierMismatch {
  /** `body`, `status`, `header` or the verifier's own type word. */
  kind: string;
  /** JSONPath for body mismatches, `status`, or `header.<name>`. */
  path: string;
  expected?: unknown;
  actual?: unknown;
  message: string;
}

export interface InteractionVerdict {
  description: string;
  passed: boolean;
  mismatches: VerifierMismatch[];
}

export interface VerifierRun {
  /** False when the verifier could not run at all (bad arguments, a crash): `error` says why. */
  ran: boolean;
  error?: string;
  interactions: InteractionVerdict[];
}

function workerCommand(): { file: string; execArgv: string[] } {
  const here = fileURLToPath(import.meta.url);
  if (here.endsWith('.ts')) {
    // Running from TypeScript sources (tests, tsx): the child needs the same loader.
    const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
    return { file: here.replace(/run-verifier\.ts$/, 'verifier-worker.ts'), execArgv: ['--import', tsx] };
  }
  return { file: here.replace(/run-verifier\.js$/, 'verifier-worker.js'), execArgv: [] };
}

/** Runs the verifier; never throws for a verification failure (that is the point), only for bugs. */
export async function runVerifier(job: VerifierJob, descriptions: readonly string[]): Promise<VerifierRun> {
  const { file, execArgv } = workerCommand();
  const env: Record<string, string> = { PACT_DO_NOT_TRACK: 'true', NO_COLOR: '1' };
  for (const key of ['PATH', 'HOME', 'TMPDIR', 'SystemRoot']) if (process.env[key]) env[key] = process.env[key] as string;
  const child = fork(file, [], { execArgv, env, stdio: ['ignore', 'pipe', 'pipe', 'ipc'] });
  let stderr = '';
  child.stdout?.resume();
  child.stderr?.on('data', (chunk: Buffer) => {
    if (stderr.length < 8_000) stderr += chunk.toString('utf8');
  });
  const reply = await new Promise<VerifierReply | { error: string }>((resolveReply) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      resolveReply({ error: `the Pact verifier did not finish within ${job.timeoutMs * 4} ms` });
    }, job.timeoutMs * 4);
    child.once('message', (message) => {
      clearTimeout(timer);
      resolveReply(message as VerifierReply);
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolveReply({ error: `the Pact verifier exited (code ${String(code)}) without a report${stderr ? `: ${stderr.trim().slice(0, 500)}` : ''}` });
    });
    child.send(job);
  });
  if (child.exitCode === null) child.kill();
  if ('error' in reply) return { ran: false, error: reply.error, interactions: [] };
  return parseVerifierReport(reply, descriptions);
}

/** The verifier names a failing interaction "Verifying a pact between A and B Given S - <description>". */
function descriptionOf(label: string, descriptions: readonly string[]): string | undefined {
  const byLength = [...descriptions].sort((a, b) => b.length - a.length);
  return byLength.find((d) => label === d || label.endsWith(` - ${d}`));
}

function parseJsonText(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  try {
    return JSON.parse(value);
  } catch {
    return value;
  }
}

/** "Actual map is missing the following keys: a, b" at `$.data[0]` is really about `$.data[*].a` and `$.data[*].b`. */
function splitMissingKeys(path: string, mismatch: string): string[] | undefined {
  const m = /missing the following keys: (.+)$/.exec(mismatch);
  if (!m?.[1]) return undefined;
  return m[1].split(/,\s*/).map((key) => (/^[A-Za-z_][A-Za-z0-9_]*$/.test(key) ? `${path}.${key}` : `${path}['${key}']`));
}

function normalize(path: string): string {
  return path.replace(/\[\d+\]/g, '[*]');
}

export function parseVerifierReport(reply: VerifierReply, descriptions: readonly string[]): VerifierRun {
  const report = parseJsonText(reply.json);
  if (!isRecord(report)) {
    return { ran: false, error: `the Pact verifier could not run: ${String(reply.json).slice(0, 500)}`, interactions: [] };
  }
  const verdicts = new Map<string, InteractionVerdict>();
  for (const d of descriptions) verdicts.set(d, { description: d, passed: true, mismatches: [] });
  const results = Array.isArray(report.interactionResults) ? report.interactionResults : [];
  for (const r of results) {
    if (!isRecord(r) || typeof r.description !== 'string') continue;
    const v = verdicts.get(r.description);
    if (v && r.result !== 'Ok' && r.result !== 'OK' && r.result !== 'Success') v.passed = false;
  }
  const errors = Array.isArray(report.errors) ? report.errors : [];
  for (const e of errors) {
    if (!isRecord(e) || typeof e.interaction !== 'string') continue;
    const description = descriptionOf(e.interaction, descriptions);
    if (!description) continue;
    const v = verdicts.get(description)!;
    v.passed = false;
    const mismatch = isRecord(e.mismatch) ? e.mismatch : {};
    const list = Array.isArray(mismatch.mismatches) ? mismatch.mismatches : [];
    if (list.length === 0) {
      const message = typeof mismatch.message === 'string' ? mismatch.message : typeof e.mismatch === 'string' ? e.mismatch : 'verification failed';
      v.mismatches.push({ kind: 'error', path: '$', message });
    }
    for (const item of list) {
      if (!isRecord(item)) continue;
      const message = typeof item.mismatch === 'string' ? item.mismatch : 'mismatch';
      const expected = parseJsonText(item.expected);
      const actual = parseJsonText(item.actual);
      const type = typeof item.type === 'string' ? item.type : 'Mismatch';
      if (type === 'StatusMismatch') {
        v.mismatches.push({ kind: 'status', path: 'status', expected, actual, message });
      } else if (type === 'HeaderMismatch') {
        v.mismatches.push({ kind: 'header', path: `header.${String(item.key ?? '').toLowerCase()}`, expected, actual, message });
      } else {
        const path = normalize(typeof item.path === 'string' && item.path !== '' ? item.path : '$');
        const missing = splitMissingKeys(path, message);
        if (missing) {
          for (const p of missing) v.mismatches.push({ kind: 'body', path: p, expected: 'present', actual: 'missing', message: 'is missing from the response' });
        } else {
          v.mismatches.push({ kind: type === 'BodyMismatch' ? 'body' : type, path, expected, actual, message });
        }
      }
    }
  }
  // The verifier reports each array item on its own ($.data[0], $.data[1]...): the first one per field is enough.
  for (const v of verdicts.values()) {
    const seen = new Set<string>();
    v.mismatches = v.mismatches.filter((m) => {
      const key = `${m.kind}\u0000${m.path}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
  }
  if (report.result === false && errors.length === 0 && results.length === 0) {
    return { ran: false, error: 'the Pact verifier failed without naming an interaction', interactions: [...verdicts.values()] };
  }
  return { ran: true, interactions: [...verdicts.values()] };
}
