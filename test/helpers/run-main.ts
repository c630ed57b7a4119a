// Runs the CLI in this process through `run(argv, io)` (src/cli/main.ts): the same program as the binary, with its
// output captured and its environment, folder and clock given, and its code counted by coverage.
import { run } from '../../src/cli/main.js';
import type { CliIo } from '../../src/cli/io.js';
import type { CliRun } from './run-cli.js';

export interface MainOptions {
  cwd: string;
  /** Added to this process's environment (undefined removes a variable), as runCli does for the child. */
  env?: Record<string, string | undefined>;
  color?: boolean;
  now?: () => Date;
}

/** The io a test hands to `run`: captured streams, the given env, cwd and clock. */
export function testIo(options: MainOptions): CliIo & { out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  const env: Record<string, string | undefined> = { ...process.env, NO_COLOR: '1', ...options.env };
  return {
    out,
    err,
    stdout: (text) => void out.push(text),
    stderr: (text) => void err.push(text),
    env,
    cwd: options.cwd,
    color: options.color ?? false,
    now: options.now ?? (() => new Date()),
  };
}

export async function runMain(args: readonly string[], options: MainOptions): Promise<CliRun> {
  const io = testIo(options);
  const code = await run(args, io);
  return { code, stdout: io.out.join(''), stderr: io.err.join('') };
}
