// The one place that maps outcomes and typed errors to exit codes: 0 clean, 1 breaking, 2 bad input, 3 operational.
import type { AcceptResult } from '../report/model/accept.js';
import type { ScanResult } from '../report/model/scan.js';
import type { VerifyResult } from '../report/model/verify.js';

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
  /** Input the user must fix (a broken connector file, a bad spec, an unset credential, a limit the answer exceeds). */
  badInput?: number;
  /** The outside world failed so that the run has no verdict: no vendor answered, the verifier could not run. */
  nothingReached?: boolean;
  /** Connectors driftwatch itself failed on (a defect, the store): checked by nobody, so never a green build. */
  unchecked?: number;
}

/**
 * Breaking drift wins over everything: it is the news the job exists for. A run that could not reach any vendor is an
 * operational failure; bad input that stopped part of the run comes next.
 */
export function exitCodeFor(outcome: Outcome): ExitCode {
  if (outcome.breaking > 0) return ExitCode.breaking;
  if (outcome.nothingReached || (outcome.unchecked ?? 0) > 0) return ExitCode.operational;
  if ((outcome.badInput ?? 0) > 0) return ExitCode.badInput;
  return ExitCode.clean;
}

/**
 * Failures the user fixes in their files or environment: a broken connector, snapshot or spec, an unset credential.
 * `too-large` and `too-complex` too: the vendor answered, but past the limits connector.yaml sets (`maxBodyBytes`,
 * `limits:`). Nothing of that endpoint was checked, so it is not clean (0); a retry gets the same answer, so it is not
 * the outside world failing (3); the fix is in connector.yaml (raise the limit, or ask for a smaller page), which is
 * what 2 says.
 */
const BAD_INPUT_KINDS: ReadonlySet<string> = new Set(['config', 'spec', 'auth-missing', 'too-large', 'too-complex']);

/** How many of a run's errors are bad input (exit 2) rather than the outside world failing. */
function countBadInput(errors: readonly { kind: string }[]): number {
  return errors.filter((e) => BAD_INPUT_KINDS.has(e.kind)).length;
}

export function scanOutcome(result: ScanResult): Outcome {
  const unchecked = result.errors.filter((e) => e.kind === 'internal').length;
  return { breaking: result.summary.breaking, badInput: countBadInput(result.errors), nothingReached: result.nothingReached, unchecked };
}

/** A check that could not run (the Pact verifier) checked nothing: never a green build. An unset credential is input. */
export function verifyOutcome(result: VerifyResult): Outcome {
  const missing = result.errors.filter((e) => e.kind === 'auth-missing').length;
  return { breaking: result.summary.breaking, badInput: result.problems.length + missing, nothingReached: result.errors.length > missing, unchecked: result.summary.unchecked ?? 0 };
}

/** Accept gates nothing: its failures are bad input, or no vendor reached at all. */
export function acceptOutcome(result: AcceptResult): Outcome {
  const bad = countBadInput(result.errors);
  const operational = result.errors.length - bad;
  return { breaking: 0, badInput: result.problems.length + bad, nothingReached: result.written.length === 0 && operational > 0 };
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
