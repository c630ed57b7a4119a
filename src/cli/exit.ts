// The one place that maps outcomes and typed errors to exit codes: 0 clean, 1 breaking, 2 bad input, 3 operational.

export const ExitCode = {
  clean: 0,
  breaking: 1,
  badInput: 2,
  operational: 3,
} as const;
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

/** What a command found, in the terms the exit code cares about. */
export interface Outcome {
  breaking: number;
  /** Input the user must fix (a broken connector file, a bad spec). */
  badInput?: number;
  /** Operational failures, and whether every target failed (then nothing was checked at all). */
  operational?: number;
  nothingReached?: boolean;
}

/**
 * Breaking drift wins over everything: it is the news the job exists for. A run that could not reach
 * any vendor is an operational failure; bad input that stopped part of the run comes next.
 */
export function exitCodeFor(outcome: Outcome): ExitCode {
  if (outcome.breaking > 0) return ExitCode.breaking;
  if (outcome.nothingReached) return ExitCode.operational;
  if ((outcome.badInput ?? 0) > 0) return ExitCode.badInput;
  return ExitCode.clean;
}

/** Errors the user fixes in their files or environment: a broken connector, snapshot or spec, an unset credential. */
const BAD_INPUT_KINDS: ReadonlySet<string> = new Set(['config', 'spec', 'auth-missing']);

/** How many of a run's errors are bad input (exit 2) rather than the outside world failing. */
export function countBadInput(errors: readonly { kind: string }[]): number {
  return errors.filter((e) => BAD_INPUT_KINDS.has(e.kind)).length;
}

const CODES: Record<string, ExitCode> = {
  CONFIG_INVALID: ExitCode.badInput,
  INPUT_INVALID: ExitCode.badInput,
  SPEC_INVALID: ExitCode.badInput,
  OPERATIONAL: ExitCode.operational,
  STORE_LOCKED: ExitCode.operational,
  // commander's own parse errors
  'commander.unknownOption': ExitCode.badInput,
  'commander.missingArgument': ExitCode.badInput,
  'commander.missingMandatoryOptionValue': ExitCode.badInput,
  'commander.optionMissingArgument': ExitCode.badInput,
  'commander.invalidArgument': ExitCode.badInput,
  'commander.unknownCommand': ExitCode.badInput,
  'commander.excessArguments': ExitCode.badInput,
  'commander.conflictingOption': ExitCode.badInput,
};

/** Typed errors map to their code; anything else is a bug and reported as operational. */
export function exitCodeForError(error: unknown): ExitCode {
  if (error && typeof error === 'object' && 'code' in error && typeof error.code === 'string') {
    const mapped = CODES[error.code];
    if (mapped !== undefined) return mapped;
  }
  return ExitCode.operational;
}
