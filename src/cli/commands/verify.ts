// `driftwatch verify`: the CI gate. Pacts vs spec, vs replayed (or live) vendor answers, vs snapshots; exit 1 when a contract breaks.
import { appendFile, mkdir, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { notifyLogLines } from '../../app/notify-run.js';
import { recordVerify } from '../../app/record-verify.js';
import { verify } from '../../app/verify.js';
import { renderVerifyJson } from '../../report/verify-json.js';
import { renderVerifyJunit } from '../../report/verify-junit.js';
import { renderVerifyMarkdown } from '../../report/verify-markdown.js';
import { renderVerifyText } from '../../report/verify-text.js';
import { resolveRoot, stderrLogger, withStore, type RootFlags } from '../context.js';
import { ExitCode, exitCodeFor } from '../exit.js';
import { painter, type CliIo } from '../io.js';

export interface VerifyFlags extends RootFlags {
  connector?: string;
  /** Record the run in the history and tell the owners, as a scan does. */
  notify?: boolean;
  live?: boolean;
  format: 'text' | 'json' | 'junit' | 'markdown';
  /** Also write the JUnit XML to this file (CI test reporters read it). */
  junit?: string;
}

export async function verifyCommand(flags: VerifyFlags, io: CliIo): Promise<number> {
  const root = resolveRoot(flags, io);
  const result = await verify({
    root,
    env: io.env,
    now: () => io.now(),
    log: stderrLogger(io),
    ...(flags.connector !== undefined ? { connector: flags.connector } : {}),
    ...(flags.live ? { live: true } : {}),
  });
  switch (flags.format) {
    case 'json':
      io.stdout(renderVerifyJson(result, root));
      break;
    case 'junit':
      io.stdout(renderVerifyJunit(result, root));
      break;
    case 'markdown':
      io.stdout(renderVerifyMarkdown(result, root));
      break;
    default:
      io.stdout(renderVerifyText(result, painter(io.color), root));
  }
  if (flags.junit) {
    const file = resolve(io.cwd, flags.junit);
    await mkdir(dirname(file), { recursive: true });
    await writeFile(file, renderVerifyJunit(result, root), 'utf8');
  }
  if (flags.notify) {
    await withStore(flags, io, async (store) => {
      const run = await recordVerify(result, store, () => io.now(), { root, env: io.env });
      for (const line of notifyLogLines(run.notify!)) io.stderr(`${line}\n`);
    });
  }
  // GitHub Actions shows this file on the run's summary page; other CIs never set the variable.
  const summaryFile = io.env.GITHUB_STEP_SUMMARY;
  if (summaryFile) await appendFile(summaryFile, renderVerifyMarkdown(result, root), 'utf8');
  const code = exitCodeFor({ breaking: result.summary.breaking, badInput: result.problems.length });
  // A verifier that could not run checked nothing: that is an operational failure, never a green build.
  return code === ExitCode.clean && result.errors.length > 0 ? ExitCode.operational : code;
}
