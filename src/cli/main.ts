// The commander program: parses flags, lazily imports the one command asked for, returns its exit code.
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { formatsOf, type ResultKind } from '../report/registry.js';
import { DRIFT_STATUSES } from '../app/history.js';
import { ExitCode, exitCodeForError } from './exit.js';
import type { CliIo } from './io.js';
import { packageVersion } from '../app/version.js';

/** `--format`: the choices are the renderer registry's keys for the command's result kind. */
function formatOption(kind: ResultKind): Option {
  return new Option('--format <format>', 'output format').choices(formatsOf(kind)).default('text');
}

/** A flag value that must be a whole number in a range; anything else is bad input (exit 2), never NaN downstream. */
function wholeNumber(min: number, max = Number.MAX_SAFE_INTEGER): (value: string) => number {
  return (value) => {
    const n = Number(value);
    if (!/^\d+$/.test(value.trim()) || n < min || n > max) throw new InvalidArgumentError(`expected a whole number from ${min} to ${max}`);
    return n;
  };
}

function rootOption(): Option {
  return new Option('--root <dir>', 'project root holding contracts/ and snapshots/ (default: the nearest folder holding contracts/, from here up)');
}

function dbOption(): Option {
  return new Option('--db <path-or-url>', 'history store: a SQLite file or a postgres:// URL (env DRIFTWATCH_DB)');
}

/** Runs the CLI on `argv` (without node and script) and resolves to the exit code. Never calls process.exit. */
export async function run(argv: readonly string[], io: CliIo): Promise<number> {
  let exitCode: number = ExitCode.clean;
  const program = new Command();
  program
    .name('driftwatch')
    .description('Contract-testing and schema-drift watchdog for the vendor APIs your connectors depend on')
    .version(packageVersion())
    .exitOverride()
    .showHelpAfterError()
    .configureOutput({ writeOut: (s) => io.stdout(s), writeErr: (s) => io.stderr(s) });

  program
    .command('scan')
    .description('sample every connector now, diff against snapshots, record drift, notify; the nightly job')
    .option('--connector <name>', 'only this connector')
    .addOption(formatOption('scan'))
    .addOption(rootOption())
    .addOption(dbOption())
    .option('--no-notify', 'do not send notifications for this run')
    .action(async (flags) => {
      exitCode = await (await import('./commands/scan.js')).scanCommand(flags, io);
    });

  program
    .command('ingest')
    .description('judge captured webhook deliveries (JSON, JSONL or HAR files) of one connector, as scan judges samples')
    .requiredOption('--connector <name>', 'the connector whose events: section reads them')
    .argument('<files...>', 'capture files: .json (one delivery or an array), .jsonl, .har')
    .addOption(formatOption('scan'))
    .addOption(rootOption())
    .addOption(dbOption())
    .option('--no-notify', 'do not send notifications for this run')
    .action(async (files: string[], flags) => {
      exitCode = await (await import('./commands/ingest.js')).ingestCommand(files, flags, io);
    });

  program
    .command('receive')
    .description('receive webhook deliveries on POST /hooks/<connector> and judge them in small batches, until SIGTERM')
    .requiredOption('--port <port>', 'port to listen on (0: any free port)', wholeNumber(0, 65535))
    .option('--host <host>', 'address to bind (default 127.0.0.1)')
    .option('--batch-ms <ms>', 'longest wait before a batch is judged (default 1000)', wholeNumber(1, 3_600_000))
    .option('--batch-size <n>', 'most deliveries judged together (default 500)', wholeNumber(1, 100_000))
    .addOption(rootOption())
    .addOption(dbOption())
    .option('--no-notify', 'do not send notifications')
    .action(async (flags) => {
      exitCode = await (await import('./commands/receive.js')).receiveCommand(flags, io);
    });

  program
    .command('accept')
    .description('accept the current live shapes into snapshots/ (like update-snapshots)')
    .option('--connector <name>', 'only this connector')
    .option('--endpoint <id>', 'only this endpoint (or event:<type>: only that webhook event type)')
    .option('--events', "only the webhook event types: the shape of what was delivered since their last accept (no sampling)")
    .option('--samples <n>', 'requests per endpoint to learn from (default 5)', wholeNumber(1, 1000))
    .option('--change <fingerprint>', 'accept one known change on purpose: writes an ignore entry into its connector.yaml')
    .option('--reason <text>', 'with --change: why this change is fine (required)')
    .option('--expires <date>', 'with --change: when the entry stops suppressing (YYYY-MM-DD; default in 90 days)')
    .option('--by <name>', "with --change: who accepts it, for the ignore entry and the audit trail (default: git's user.email, else the OS user)")
    .addOption(rootOption())
    .addOption(dbOption())
    .action(async (flags) => {
      exitCode = await (await import('./commands/accept.js')).acceptCommand(flags, io);
    });

  program
    .command('history')
    .description("the drift timeline; with a fingerprint, that finding's whole story (who did what, when)")
    .argument('[fingerprint]', 'a drift id, fingerprint or unique prefix: print its every event with time, actor and note')
    .option('--connector <name>', 'only this connector')
    .option('--rule <id>', 'only this rule')
    .addOption(new Option('--status <status>', 'only drifts in this status').choices(DRIFT_STATUSES))
    .option('--limit <n>', 'at most this many drifts (default 100)', wholeNumber(1))
    .option('--before <id-or-time>', 'the page after this drift id (or before this time): the `more:` hint names it')
    .addOption(formatOption('history'))
    .addOption(rootOption())
    .addOption(dbOption())
    .action(async (finding: string | undefined, flags) => {
      exitCode = await (await import('./commands/history.js')).historyCommand({ ...flags, ...(finding !== undefined ? { finding } : {}) }, io);
    });

  program
    .command('verify')
    .description('the CI gate: pacts vs the vendor spec, vs replayed snapshots (or --live), vs accepted shapes')
    .option('--connector <name>', 'only this connector')
    .option('--live', "verify against the vendor's baseUrl (auth from env; only safe methods unless pact.liveUnsafe)")
    .addOption(formatOption('verify'))
    .option('--junit <file>', 'also write JUnit XML to this file')
    .option('--notify', "record the run in the drift history and tell the connector's owner, as a scan does")
    .addOption(rootOption())
    .addOption(dbOption())
    .action(async (flags) => {
      exitCode = await (await import('./commands/verify.js')).verifyCommand(flags, io);
    });

  program
    .command('init')
    .description('scaffold contracts/, a first connector and its contract test, and optionally a CI workflow')
    .addOption(new Option('--ci <provider>', 'also write a CI workflow').choices(['github']))
    .option('--connector <name>', 'name of the first connector', 'example')
    .addOption(rootOption())
    .action(async (flags) => {
      exitCode = await (await import('./commands/init.js')).initCommand(flags, io);
    });

  program
    .command('demo')
    .description('the whole story on a bundled demo vendor: accept, a vendor release, scan, drift')
    .option('--keep', 'keep the demo folder instead of deleting it')
    .option('--serve', 'only run the demo vendor (default port 4010) until Ctrl-C, for your own experiments')
    .option('--port <port>', 'port for --serve', wholeNumber(0, 65535))
    .addOption(new Option('--release <release>', 'which Ledgerly release --serve answers with').choices(['v1', 'v2']))
    .action(async (flags) => {
      exitCode = await (await import('./commands/demo.js')).demoCommand(flags, io);
    });

  program
    .command('watch')
    .description("long-running scheduler: each connector on its own cron, /healthz and /metrics on 127.0.0.1, until SIGTERM")
    .option('--port <port>', 'port for /healthz and /metrics on 127.0.0.1 (0: any free port; default: no endpoint)', wholeNumber(0, 65535))
    .option('--timezone <tz>', 'time zone for connectors that do not name their own (IANA, e.g. Europe/Berlin)')
    .option('--once-every-seconds <n>', 'ignore the schedules: run every connector every n seconds', (v) => Number(v))
    .option('--shared', 'several watchers on this store share the work (the default on PostgreSQL)')
    .option('--outbox-every <seconds>', 'how often the notification outbox is retried (default 60)', (v) => Number(v))
    .option('--jitter <seconds>', 'spread connectors sharing a tick over this many seconds, each at a fixed offset from its name (default 5; 0: off)', (v) => Number(v))
    .option('--log-level <level>', 'pino log level: debug, info, warn, error (default info)')
    .option('--no-notify', 'do not send notifications for the runs')
    .addOption(rootOption())
    .addOption(dbOption())
    .action(async (flags) => {
      exitCode = await (await import('./commands/watch.js')).watchCommand(flags, io);
    });

  program
    .command('notify')
    .description('deliver pending notifications from the outbox (after a Slack outage); exit 3 if some still fail')
    .option('--flush', 'deliver every message that is due now')
    .addOption(rootOption())
    .addOption(dbOption())
    .action(async (flags) => {
      exitCode = await (await import('./commands/notify.js')).notifyCommand(flags, io);
    });

  program
    .command('outbox')
    .description('what is pending or failed in the notification outbox, and why')
    .option('--all', 'include delivered messages')
    .addOption(formatOption('outbox'))
    .addOption(rootOption())
    .addOption(dbOption())
    .action(async (flags) => {
      exitCode = await (await import('./commands/outbox.js')).outboxCommand(flags, io);
    });

  program
    .command('map')
    .description('the integration map: owners, auth, failure mode, business process, drift exposure; gaps flagged')
    .addOption(formatOption('map'))
    .addOption(rootOption())
    .addOption(dbOption())
    .action(async (flags) => {
      exitCode = await (await import('./commands/map.js')).mapCommand(flags, io);
    });

  program
    .command('report')
    .description('one self-contained HTML file: integration map, diagram, drift timelines, uptime and latency, incidents, owners')
    .option('--out <file>', 'where to write the report (default report.html; - for stdout)')
    .option('--since <days>', 'days of history to cover (default 30)', (v) => Number(v))
    .addOption(rootOption())
    .addOption(dbOption())
    .action(async (flags) => {
      exitCode = await (await import('./commands/report.js')).reportCommand(flags, io);
    });

  program
    .command('ack')
    .description('acknowledge a drift and record its root cause for the incident history')
    .argument('<drift>', 'drift id (6 or #6) or fingerprint (or a unique prefix of it)')
    .option('--note <text>', 'the root cause, shown in the report\'s incident history')
    .option('--by <name>', "who acknowledges it, for the audit trail (default: git's user.email, else the OS user)")
    .addOption(formatOption('ack'))
    .addOption(rootOption())
    .addOption(dbOption())
    .action(async (drift: string, flags) => {
      exitCode = await (await import('./commands/ack.js')).ackCommand({ ...flags, drift }, io);
    });

  program
    .command('diff')
    .description('consumer-scoped diff of two OpenAPI specs (files or URLs); exit 1 when a change breaks the consumer')
    .argument('<old-spec>', 'the spec you built against (file or URL)')
    .argument('<new-spec>', 'the vendor\'s new spec (file or URL)')
    .option('--connector <name>', 'judge only the operations this connector samples; the rest is summed up in one line')
    .option('--all', 'judge every operation (the default without --connector)')
    .option('--no-validate', 'skip swagger-parser validation of both documents (faster on huge specs)')
    .addOption(formatOption('diff'))
    .addOption(rootOption())
    .action(async (oldSpec: string, newSpec: string, flags) => {
      exitCode = await (await import('./commands/diff.js')).diffCommand(oldSpec, newSpec, flags, io);
    });

  program
    .command('types')
    .description('generate TypeScript types from each connector\'s spec (openapi-typescript) into its folder')
    .option('--connector <name>', 'only this connector')
    .addOption(rootOption())
    .action(async (flags) => {
      exitCode = await (await import('./commands/types.js')).typesCommand(flags, io);
    });

  program
    .command('migrate')
    .description('copy a SQLite history (runs, samples, drifts, outbox) into PostgreSQL, keeping ids; safe to re-run')
    .option('--from <file>', 'the SQLite history file (default: <root>/.driftwatch/history.db)')
    .option('--to <postgres-url>', 'the PostgreSQL store to copy into (default: DRIFTWATCH_DB when it is a postgres:// URL)')
    .addOption(formatOption('migrate'))
    .addOption(rootOption())
    .action(async (flags) => {
      exitCode = await (await import('./commands/migrate.js')).migrateCommand(flags, io);
    });

  program
    .command('store')
    .description('the history store itself: `store stats` shows its size per table (docs/store.md)')
    .command('stats')
    .description('rows and bytes per table, the oldest sample, drifts by status, the retention in force')
    .addOption(formatOption('store-stats'))
    .addOption(rootOption())
    .addOption(dbOption())
    .action(async (flags) => {
      exitCode = await (await import('./commands/store.js')).storeStatsCommand(flags, io);
    });

  // Nothing asked: the help, on stderr (it is not the output of anything), and a failing code for scripts.
  if (argv.length === 0) {
    io.stderr(program.helpInformation());
    return ExitCode.badInput;
  }
  try {
    await program.parseAsync([...argv], { from: 'user' });
  } catch (error) {
    if (error instanceof CommanderError) {
      if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version' || error.code === 'commander.help') {
        return ExitCode.clean;
      }
      return exitCodeForError(error);
    }
    const code = exitCodeForError(error);
    const message = error instanceof Error ? error.message : String(error);
    io.stderr(`driftwatch: ${message}\n`);
    if (code === ExitCode.operational && !(error && typeof error === 'object' && 'code' in error)) {
      // An untyped error is a bug: show where it came from.
      io.stderr(`${error instanceof Error ? (error.stack ?? '') : ''}\n`);
    }
    return code;
  }
  return exitCode;
}
