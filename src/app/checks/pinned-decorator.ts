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
    const body = responseBodyPath(change.path);
    const pinned = endpoint !== undefined && (body === undefined || isPinned(endpoint.pinned, body));
    if (pinned) return { ...change, pinned: true };
    const severity: Severity = change.severity === 'breaking' ? 'warning' : change.severity;
    const message = change.message.endsWith(UNUSED_SUFFIX) ? change.message : `${change.message} (${UNUSED_SUFFIX})`;
    return { ...change, pinned: false, severity, message };
  });
}

/**
 * The JSONPath into the response body a change is about: the path itself for snapshot and spec findings, or the tail
 * of a spec-diff location (`GET /v1/invoices response 200 application/json $.data[*].amount_due`). Request-side and
 * operation-wide changes have none, and count as pinned whenever the endpoint is used.
 */
export function responseBodyPath(path: string): string | undefined {
  if (path.startsWith('$')) return path;
  return / response \S+ \S+ (\$.*)$/.exec(path)?.[1];
}

export const pinnedDecorator: ChangeDecorator = async (changes: Change[], connector: Connector, input: CheckInput) => {
  const loaded = await loadPacts(input.root);
  return applyUsage(changes, contractUsage(connector, loaded.pacts));
};
