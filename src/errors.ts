// The few typed errors driftwatch throws; each has a stable `code` that cli/exit.ts maps to an exit code.

export type ErrorCode =
  | 'CONFIG_INVALID'
  | 'INPUT_INVALID'
  | 'SPEC_INVALID'
  | 'OPERATIONAL'
  | 'STORE_LOCKED';

export class DriftwatchError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'DriftwatchError';
  }
}

/** Bad input from the user (a flag, a file, an argument): exit 2. */
export function inputError(message: string): DriftwatchError {
  return new DriftwatchError('INPUT_INVALID', message);
}

/** Nothing could be done because the outside world failed (no vendor reachable, store unavailable): exit 3. */
export function operationalError(message: string): DriftwatchError {
  return new DriftwatchError('OPERATIONAL', message);
}
