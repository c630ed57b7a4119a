// The checks every scan runs, in order. One line each.
import type { ConnectorCheck } from './check.js';
import { snapshotCheck } from './snapshot-check.js';
import { specCheck } from './spec-check.js';
import { authCheck } from './auth-check.js';
import { ownershipCheck } from './ownership-check.js';
import { signalsCheck } from './signals-check.js';
import { graphqlCheck } from './graphql-check.js';

export const scanChecks: readonly ConnectorCheck[] = [
  snapshotCheck,
  specCheck,
  authCheck,
  ownershipCheck,
  signalsCheck,
  graphqlCheck,
];
