// The steps `driftwatch verify` runs on each connector's pacts, in order: cheap ones first. One line each.
import type { VerifyCheck } from './check.js';
import { pactSpecCheck } from './pact-spec-check.js';
import { pinsCheck } from './pins-check.js';
import { verifierCheck } from './verifier-check.js';

export const verifyChecks: readonly VerifyCheck[] = [
  pactSpecCheck,
  pinsCheck,
  verifierCheck,
];
