// Counters of the expensive spec work a process has done (structural validations, Swagger conversions, response
// validator compiles), so tests can prove that cached runs do none of it: counted, not timed.

export const specWork = { validations: 0, conversions: 0, compiles: 0 };

/** A copy of the counters now. */
export function specWorkSnapshot(): typeof specWork {
  return { ...specWork };
}
