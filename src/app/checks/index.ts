// The checks every scan runs, in order, and the decorators applied to their changes. One line each.
import type { ChangeDecorator, ConnectorCheck } from './check.js';
import { snapshotCheck } from './snapshot-check.js';
import { specCheck } from './spec-check.js';
import { pinnedDecorator } from './pinned-decorator.js';
import { ignoreDecorator } from './ignore-decorator.js';
import { authCheck } from './auth-check.js';
import { ownershipCheck } from './ownership-check.js';

export const scanChecks: readonly ConnectorCheck[] = [
  snapshotCheck,
  specCheck,
  authCheck,
  ownershipCheck,
];

export const changeDecorators: readonly ChangeDecorator[] = [
  pinnedDecorator,
  ignoreDecorator,
];
