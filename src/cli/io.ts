// What a command may touch of the process: output streams, env, cwd, clock. Tests pass their own.

export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  env: Readonly<Record<string, string | undefined>>;
  cwd: string;
  /** Whether stdout gets ANSI colour (see `wantsColor`). */
  color: boolean;
  now(): Date;
  /**
   * How a long-running command (watch, demo --serve) learns it must stop: `stop` is called with the signal's name;
   * the returned function stops listening. Default: SIGTERM and SIGINT of this process.
   */
  onStop?(stop: (signal: string) => void): () => void;
}

/** SIGTERM and SIGINT of this process, once. */
export function processSignals(stop: (signal: string) => void): () => void {
  const handler = (signal: NodeJS.Signals): void => stop(signal);
  process.once('SIGTERM', handler);
  process.once('SIGINT', handler);
  return () => {
    process.off('SIGTERM', handler);
    process.off('SIGINT', handler);
  };
}

/**
 * The colour conventions: NO_COLOR present and not empty turns colour off (https://no-color.org); FORCE_COLOR present
 * and not empty turns it on even without a terminal (https://force-color.org); NO_COLOR wins when both are set (the
 * one who said "no" gets no). Otherwise colour only on a terminal that is not `TERM=dumb`.
 */
export function wantsColor(env: Readonly<Record<string, string | undefined>>, isTTY: boolean): boolean {
  if ((env.NO_COLOR ?? '') !== '') return false;
  if ((env.FORCE_COLOR ?? '') !== '') return true;
  return isTTY && env.TERM !== 'dumb';
}

/**
 * A stream writer that goes quiet once its reader is gone (`driftwatch history | head`): EPIPE ends the output, not
 * the process, so the command finishes its work (a scan still records its run) and exits with its own code.
 */
export function quietOnClose(stream: NodeJS.WritableStream): (text: string) => void {
  let open = true;
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE' || error.code === 'ERR_STREAM_DESTROYED') {
      open = false;
      return;
    }
    throw error;
  });
  return (text) => {
    if (open) stream.write(text);
  };
}

export function processIo(): CliIo {
  return {
    stdout: quietOnClose(process.stdout),
    stderr: quietOnClose(process.stderr),
    env: process.env,
    cwd: process.cwd(),
    color: wantsColor(process.env, Boolean(process.stdout.isTTY)),
    now: () => new Date(),
    onStop: processSignals,
  };
}
