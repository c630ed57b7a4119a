// `driftwatch report`: one self-contained HTML file with the map, diagram, timelines, uptime, incidents and owners.
// Read-only on the history: never creates a store.
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, relative, resolve } from 'node:path';
import { buildReport, DEFAULT_REPORT_DAYS } from '../../app/report.js';
import { inputError } from '../../errors.js';
import { renderHtmlReport } from '../../report/html/render-report.js';
import { projectRoot, withStore, type RootFlags } from '../context.js';
import { exitCodeFor } from '../exit.js';
import type { CliIo } from '../io.js';
import { painter } from '../../report/paint.js';

export interface ReportFlags extends RootFlags {
  /** Where to write the file (default `report.html` where the user stands); `-` writes it to stdout. */
  out?: string;
  /** Days of history the timelines, uptime and latency cover. */
  since?: number;
}

export async function reportCommand(flags: ReportFlags, io: CliIo): Promise<number> {
  const days = flags.since ?? DEFAULT_REPORT_DAYS;
  if (!Number.isInteger(days) || days < 1) throw inputError(`--since must be a whole number of days (1 or more), got "${String(flags.since)}"`);
  const paint = painter(io.color);
  const root = projectRoot(flags, io);
  return withStore(flags, io, 'existing', root, async (store) => {
    const data = await buildReport({ root, store, env: io.env, now: io.now(), sinceDays: days });
    const html = renderHtmlReport(data);
    for (const problem of data.problems) io.stderr(`problem: ${problem}\n`);
    if (flags.out === '-') {
      io.stdout(html);
    } else {
      const file = resolve(io.cwd, flags.out ?? 'report.html');
      await writeAtomically(file, html);
      const breaking = data.connectors.reduce((sum, c) => sum + c.drifts.breaking, 0);
      const gaps = data.connectors.reduce((sum, c) => sum + c.row.gaps.length, 0);
      const shown = relative(io.cwd, file) || file;
      io.stdout(
        `${paint('green', 'wrote')} ${shown.startsWith('..') ? file : shown}: ${data.connectors.length} connector(s), ` +
          `${data.incidents.length} incident(s) in ${days} day(s), ${breaking} open breaking, ${gaps} map gap(s)\n`,
      );
    }
    // The report describes; it does not gate. Only unreadable project files make it exit non-zero.
    return exitCodeFor({ breaking: 0, badInput: data.problems.length });
  });
}

/** Write-then-rename: a reader (or a browser reloading) never sees half a report. */
async function writeAtomically(file: string, text: string): Promise<void> {
  await mkdir(dirname(file), { recursive: true });
  const temp = `${file}.${process.pid}.tmp`;
  try {
    await writeFile(temp, text, 'utf8');
    await rename(temp, file);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}
