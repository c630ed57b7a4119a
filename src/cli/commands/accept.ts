// `driftwatch accept`: the current live shapes become the accepted snapshots.
import { accept } from '../../app/accept.js';
import { formatProblem } from '../../config/format-problem.js';
import { withStore, stderrLogger, type RootFlags } from '../context.js';
import { ExitCode, countBadInput, exitCodeFor } from '../exit.js';
import { painter, type CliIo } from '../io.js';
import type { Finding } from '../../core/model.js';
import { relative } from 'node:path';
import { acceptChange } from '../../app/accept-change.js';
import { inputError } from '../../errors.js';

export interface AcceptFlags extends RootFlags {
  connector?: string;
  endpoint?: string;
  samples?: number;
  change?: string;
  reason?: string;
  expires?: string;
  by?: string;
}

export async function acceptCommand(flags: AcceptFlags, io: CliIo): Promise<number> {
  const paint = painter(io.color);
  if (flags.change !== undefined) return acceptOneChange(flags, io);
  if (flags.reason !== undefined) throw inputError('--reason goes with --change <fingerprint>');
  return withStore(flags, io, async (store, root) => {
    const result = await accept({
      root,
      store,
      env: io.env,
      now: () => io.now(),
      log: stderrLogger(io),
      ...(flags.connector ? { connector: flags.connector } : {}),
      ...(flags.endpoint ? { endpoint: flags.endpoint } : {}),
      ...(flags.samples !== undefined ? { samples: flags.samples } : {}),
    });
    for (const problem of result.problems) io.stderr(`${formatProblem(problem, root)}\n`);
    for (const w of result.written) {
      io.stdout(`${paint('green', 'accepted')}  ${w.connector}/${w.endpoint} → ${relative(root, w.file)} (${w.samples} sample${w.samples === 1 ? '' : 's'})\n`);
    }
    for (const e of result.errors) io.stdout(`${paint('red', 'error   ')}  ${e.connector}/${e.endpoint} ${e.kind}: ${e.message}\n`);
    if (result.acceptedDrifts > 0) io.stdout(`${result.acceptedDrifts} open drift(s) marked accepted\n`);
    for (const line of stillBreakingLines(result.stillBreaking)) io.stdout(`${line}\n`);
    const badErrors = countBadInput(result.errors);
    const badInput = result.problems.length + badErrors;
    const operational = result.errors.length - badErrors;
    return exitCodeFor({ breaking: 0, badInput, nothingReached: result.written.length === 0 && operational > 0 });
  });
}

/** `accept --change <fingerprint> --reason "..."`: a known change, accepted on purpose, still recorded and shown. */
async function acceptOneChange(flags: AcceptFlags, io: CliIo): Promise<number> {
  const paint = painter(io.color);
  return withStore(flags, io, async (store, root) => {
    const by = flags.by ?? io.env.USER ?? io.env.USERNAME ?? 'unknown';
    const result = await acceptChange(root, flags.change!, flags.reason ?? '', by, store, {
      now: io.now(),
      env: io.env,
      ...(flags.expires ? { expires: flags.expires } : {}),
    });
    const verb = result.updated ? 'updated' : 'added';
    io.stdout(
      `${paint('green', verb)} ignore entry in ${relative(root, result.file)}: ${result.entry.rule} ${result.entry.path}` +
        `${result.entry.expires ? ` (until ${result.entry.expires})` : ''}\n`,
    );
    return ExitCode.clean;
  });
}

/**
 * What accept could not make fine, and the way out of each: a live answer that breaks the vendor's own spec stays
 * accepted (scans are green while the vendor sends the same) but deserves a recorded reason; a broken consumer
 * contract is never settled by accepting what the vendor sends.
 */
export function stillBreakingLines(findings: readonly Finding[]): string[] {
  const out: string[] = [];
  const contract = findings.filter((f) => f.evidence.some((e) => e.source === 'pact'));
  const spec = findings.filter((f) => !contract.includes(f));
  if (spec.length > 0) {
    out.push(`note: accepted, but the live answer still breaks the vendor's own spec (${spec.length} finding${spec.length === 1 ? '' : 's'}):`);
    for (const f of spec) out.push(`  ${f.connector}/${f.endpoint} ${f.message} [${f.rule} ${f.fingerprint}]`);
    out.push('  scans stay green while the vendor sends this. The way out, for each one:');
    out.push('    - keep it, with the reason on record: driftwatch accept --change <fingerprint> --reason "..." (an ignore: entry in connector.yaml)');
    out.push('    - or fix the connector (and tell the vendor its spec is wrong), then driftwatch accept again');
  }
  if (contract.length > 0) {
    out.push(`note: a consumer contract still breaks (${contract.length} finding${contract.length === 1 ? '' : 's'}); accepting what the vendor sends does not settle it:`);
    for (const f of contract) out.push(`  ${f.connector}/${f.endpoint} ${f.message} [${f.rule} ${f.fingerprint}]`);
    out.push('  the way out: update the connector and its contract test (then re-run it to write the pact), or add an ignore: entry with a reason (accept --change)');
  }
  return out;
}
