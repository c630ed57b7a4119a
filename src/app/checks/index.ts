// The checks every scan runs, in order. One line each. A check that needs a heavy stack (OpenAPI, GraphQL) is loaded
// only for a connector it applies to, so a scan of connectors without a spec or a GraphQL endpoint never loads them.
import type { Connector } from '../../core/model.js';
import type { CheckInput, CheckOutput, ConnectorCheck } from './check.js';
import { snapshotCheck } from './snapshot-check.js';
import { authCheck } from './auth-check.js';
import { ownershipCheck } from './ownership-check.js';
import { signalsCheck } from './signals-check.js';

/** A check imported on the first connector it applies to; for the others it observes nothing. */
function lazyCheck(name: string, appliesTo: (connector: Connector) => boolean, load: () => Promise<ConnectorCheck>): ConnectorCheck {
  let loaded: Promise<ConnectorCheck> | undefined;
  return {
    name,
    async run(input: CheckInput): Promise<CheckOutput> {
      if (!appliesTo(input.connector)) return { observations: [], errors: [], observed: [] };
      return (await (loaded ??= load())).run(input);
    },
  };
}

export const scanChecks: readonly ConnectorCheck[] = [
  snapshotCheck,
  lazyCheck('spec', (c) => c.spec !== undefined, async () => (await import('./spec-check.js')).specCheck),
  authCheck,
  ownershipCheck,
  signalsCheck,
  lazyCheck('graphql', (c) => c.endpoints.some((e) => e.graphql !== undefined), async () => (await import('./graphql-check.js')).graphqlCheck),
];
