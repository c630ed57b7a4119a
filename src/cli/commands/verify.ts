// `driftwatch verify`: the CI gate. Pacts vs spec, vs replayed (or live) vendor answers, vs snapshots; exit 1 when a contract breaks.
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { historyLocation, openHistory, type HistoryStore } from '../../app/open-history.js';
import { recordVerify } from '../../app/record-verify.js';
import { verify, type VerifyOptions } from '../../app/verify.js';
import { render, type FormatOf } from '../../report/registry.js';
import { projectRoot, stderrLogger, withStore, type RootFlags } from '../context.js';
import { exitCodeFor, verifyOutcome } from '../exit.js';
import type { CliIo } from '../io.js';
import { print, renderContext, writeStepSummary } from '../print.js';
import { printNotifyReport } from '../tell-owners.js';

export interface VerifyFlags extends RootFlags {
  connector?: string;
  /** Record the run in the history and tell the owners, as a scan does. */
  notify?: boolean;
  live?: boolean;
  format: FormatOf<'verify'>;
  /** Also write the JUnit XML to this file (CI test reporters read it). */
  junit?: string;
}

export async function verifyCommand(flags: VerifyFlags, io: CliIo): Promise<number> {
  const root = projectRoot(flags, io);
  // Message pacts are held to the deliveries in the history, when there is one (opened only if a pact has messages).
  let history: HistoryStore | null | undefined;
  const deliveries: NonNullable<VerifyOptions['deliveries']> = async (connector) => {
    if (history === undefined) {
      const location = historyLocation({ ...(flags.db !== undefined ? { db: flags.db } : {}), root, cwd: io.cwd, env: io.env });
      history = await openHistory(location, 'existing').catch(() => null);
    }
    return history ? history.readBaselines(connector) : [];
  };
  let result;
  try {
    result = await verify({
      root,
      env: io.env,
      now: () => io.now(),
      log: stderrLogger(io),
      deliveries,
      ...(flags.connector !== undefined ? { connector: flags.connector } : {}),
      ...(flags.live ? { live: true } : {}),
    });
  } finally {
    await history?.close();
  }
  await print(io, 'verify', flags.format, result, root);
  if (flags.junit) {
    const file = resolve(io.cwd, flags.junit);
    await mkdir(dirname(file), { recursive: true });
    await writeFile(file, render('verify', 'junit', result, renderContext(io, root)), 'utf8');
  }
  if (flags.notify) {
    await withStore(flags, io, 'create', root, async (store) => {
      const run = await recordVerify(result, store, () => io.now(), { root, env: io.env });
      await printNotifyReport(run.notify, io);
    });
  }
  await writeStepSummary(io, 'verify', result, root);
  return exitCodeFor(verifyOutcome(result));
}
