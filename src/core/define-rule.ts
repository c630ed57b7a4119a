// defineRule: the identity helper every rule file calls, checking at load time what the type system cannot.
import type { DeltaKind } from './deltas.js';
import { SEVERITIES } from './model.js';
import type { Rule } from './rule.js';

const KEBAB = /^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/;

/** Returns the rule unchanged; a malformed id or severity is a bug in the rule file, so it throws. */
export function defineRule<K extends DeltaKind>(rule: Rule<K>): Rule<K> {
  if (!KEBAB.test(rule.id)) throw new Error(`rule id must be kebab-case: ${JSON.stringify(rule.id)}`);
  if (!SEVERITIES.includes(rule.severity)) throw new Error(`rule ${rule.id}: unknown severity ${JSON.stringify(rule.severity)}`);
  if (typeof rule.match !== 'function') throw new Error(`rule ${rule.id}: match must be a function`);
  return rule;
}
