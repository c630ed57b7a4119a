// Usage-aware severity: a change to a field some pact pins stays as judged; the same change elsewhere is only a warning.
import type { Change, Connector, Severity } from '../../core/model.js';
import { loadPacts } from '../../pact/pact-file.js';
import { contractUsage, isPinned, type ContractUsage } from '../../pact/usage.js';
import type { ChangeDecorator, CheckInput } from './check.js';

export const UNUSED_SUFFIX = 'not used by any contract';

/** Findings about the connector as a whole (auth, ownership) are not about fields a contract could pin. */
const CONNECTOR_WIDE = new Set(['auth', 'ownership']);

/** Annotates changes with `pinned` from a usage map; pure, so verify and diff can reuse it. */
export function applyUsage(changes: readonly Change[], usage: ContractUsage): Change[] {
  // Why: with no contract at all we know nothing about usage, and silence would be worse than noise.
  if (!usage.hasPacts) return [...changes];
  return changes.map((change) => {
    if (CONNECTOR_WIDE.has(change.source) || change.endpoint === '*') return change;
    if (change.source === 'pact') return { ...change, pinned: true };
    const endpoint = usage.endpoints.get(change.endpoint);
    // Status and content type are pinned by any interaction on the endpoint; body paths only by the fields it expects.
    const pinned = endpoint !== undefined && (!change.path.startsWith('$') || isPinned(endpoint.pinned, change.path));
    if (pinned) return { ...change, pinned: true };
    const severity: Severity = change.severity === 'breaking' ? 'warning' : change.severity;
    const message = change.message.endsWith(UNUSED_SUFFIX) ? change.message : `${change.message} (${UNUSED_SUFFIX})`;
    return { ...change, pinned: false, severity, message };
  });
}

export const pinnedDecorator: ChangeDecorator = async (changes: Change[], connector: Connector, input: CheckInput) => {
  const loaded = await loadPacts(input.root);
  return applyUsage(changes, contractUsage(connector, loaded.pacts));
};
