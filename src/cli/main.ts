// The commander program: parses flags, lazily imports the one command asked for, returns its exit code.
import { Command, CommanderError, Option } from 'commander';
import { ExitCode, exitCodeForError } from './exit.js';
import type { CliIo } from './io.js';

const FORMATS = ['text', 'json', 'junit', 'markdown'] as const;

function formatOption(allowed: readonly string[] = FORMATS): Option {
  return new Option('--format <format>', 'output format').choices(allowed).default('text');
}

function rootOption(): Option {
  return new Option('--root <dir>', 'project root holding contracts/ and snapshots/ (default: current folder)');
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
    .version('0.1.0')
    .exitOverride()
    .showHelpAfterError()
    .configureOutput({ writeOut: (s) => io.stdout(s), writeErr: (s) => io.stderr(s) });

  program
    .command('scan')
    .description('sample every connector now, diff against snapshots, record drift, notify; the nightly job')
    .option('--connector <name>', 'only this connector')
    .addOption(formatOption())
    .addOption(rootOption())
    .addOption(dbOption())
    .option('--no-notify', 'do not send notifications for this run')
    .action(async (flags) => {
      exitCode = await (await import('./commands/scan.js')).scanCommand(flags, io);
    });

  program
    .command('accept')
    .description('accept the current live shapes into snapshots/ (like update-snapshots)')
    .option('--connector <name>', 'only this connector')
    .option('--endpoint <id>', 'only this endpoint')
    .addOption(rootOption())
    .addOption(dbOption())
    .action(async (flags) => {
      exitCode = await (await import('./commands/accept.js')).acceptCommand(flags, io);
    });

  program
    .command('history')
    .description('the drift timeline')
    .option('--connector <name>', 'only this connector')
    .option('--rule <id>', 'only this rule')
    .addOption(new Option('--status <status>', 'only drifts in this status').choices(['open', 'acknowledged', 'accepted', 'resolved']))
    .option('--limit <n>', 'at most this many drifts', (v) => Number.parseInt(v, 10))
    .addOption(formatOption(['text', 'json', 'markdown']))
    .addOption(rootOption())
    .addOption(dbOption())
    .action(async (flags) => {
      exitCode = await (await import('./commands/history.js')).historyCommand(flags, io);
    });

  program
    .command('demo')
    .description('the whole story on a bundled demo vendor: accept, a vendor release, scan, drift')
    .option('--keep', 'keep the demo folder instead of deleting it')
    .option('--serve', 'only run the demo vendor (default port 4010) until Ctrl-C, for your own experiments')
    .option('--port <port>', 'port for --serve', (v) => Number.parseInt(v, 10))
    .addOption(new Option('--release <release>', 'which Ledgerly release --serve answers with').choices(['v1', 'v2']))
    .action(async (flags) => {
      exitCode = await (await import('./commands/demo.js')).demoCommand(flags, io);
    });

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
