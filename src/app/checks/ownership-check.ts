// The ownership check: the connector against contracts/owners.yaml on the run's date -> ownership changes.
import { formatProblem } from '../../core/format-problem.js';
import type { ScanError } from '../../core/model.js';
import { evaluateOwnership } from '../../core/ownership.js';
import { loadProjectFacts } from '../../owners/project.js';
import type { CheckInput, CheckOutput, ConnectorCheck } from './check.js';

export const ownershipCheck: ConnectorCheck = {
  name: 'ownership',
  async run({ root, connector, now }: CheckInput): Promise<CheckOutput> {
    const facts = await loadProjectFacts(root);
    const errors: ScanError[] = [];
    const mine = `connectors.${connector.name}`;
    // A file-wide problem is reported once, on the first connector, instead of once per connector.
    const first = facts.connectors[0]?.name === connector.name;
    for (const problem of facts.ownerProblems) {
      const forMe = problem.at?.startsWith(mine) === true;
      const global = !problem.at?.startsWith('connectors.');
      if (forMe || (global && first)) {
        errors.push({ connector: connector.name, endpoint: '*', kind: 'config', message: formatProblem(problem, root) });
      }
    }
    // owners.yaml exists but cannot be used (unreadable, a syntax error): its problem is reported above, and ownership
    // is neither judged (every connector would look ownerless) nor observed (earlier ownership drifts stay as they are).
    if (facts.ownersUnusable) return { observations: [], errors, observed: [] };
    const observed = [{ connector: connector.name, endpoint: '*', source: 'ownership' }];
    // Ownership drift is opt-in: a project starts tracking it by writing contracts/owners.yaml (`driftwatch map`
    // shows the gaps either way). Without the file, earlier ownership drifts resolve instead of lingering.
    if (facts.registry.file === undefined) return { observations: [], errors, observed };
    const observations = evaluateOwnership(connector, facts.registry, now).map((delta) => ({ source: 'ownership' as const, endpoint: '*', delta }));
    return { observations, errors, observed };
  },
};
