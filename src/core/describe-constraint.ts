// Words for spec-diff constraint changes: one schema keyword, before and after, as a person reads it.
import { describeType, describeValues } from './describe.js';

const shown = (value: unknown): string => (value === null || value === undefined ? 'none' : typeof value === 'string' ? value : JSON.stringify(value));

const OPENNESS: Record<string, string> = { any: 'any extra key allowed', typed: 'extra keys of one type', none: 'no extra keys' };

/** `maximum 100 -> 50`, `no longer accepts null`, `now restricted to "a", "b"`, `format none -> email`. */
export function describeConstraint(keyword: string, before: unknown, after: unknown): string {
  switch (keyword) {
    case 'type':
      return `type ${describeType(before)} -> ${describeType(after)}`;
    case 'nullable':
      return Array.isArray(after) && after.includes('null') ? 'now accepts null' : 'no longer accepts null';
    case 'enum':
      if (before === null || before === undefined) return `now restricted to ${describeValues(after)}`;
      if (after === null || after === undefined) return `no longer restricted to ${describeValues(before)}`;
      return `values ${describeValues(before)} -> ${describeValues(after)}`;
    case 'oneOf':
    case 'anyOf':
      return `${keyword} variants ${describeValues(before)} -> ${describeValues(after)}`;
    case 'additionalProperties':
      return `${OPENNESS[String(before)] ?? shown(before)} -> ${OPENNESS[String(after)] ?? shown(after)}`;
    case 'items':
      return after === null ? 'items no longer constrained' : 'items now constrained';
    default:
      return `${keyword} ${shown(before)} -> ${shown(after)}`;
  }
}

/** `deprecated (sunset 2027-01-31, in 12 days)`: a deprecation and its sunset as a person reads it. */
export function describeSunset(delta: { sunset?: string; daysLeft?: number }): string {
  if (delta.sunset === undefined) return 'deprecated';
  if (delta.daysLeft === undefined) return `deprecated (sunset ${delta.sunset})`;
  if (delta.daysLeft < 0) return `deprecated; its sunset ${delta.sunset} has passed`;
  return `deprecated (sunset ${delta.sunset}, in ${delta.daysLeft} day${delta.daysLeft === 1 ? '' : 's'})`;
}

/** A deprecation's severity: past its sunset breaking, within the warning window a warning, else info. */
export function sunsetSeverity(delta: { daysLeft?: number; warnDays?: number }): 'breaking' | 'warning' | 'info' {
  if (delta.daysLeft === undefined) return 'info';
  if (delta.daysLeft < 0) return 'breaking';
  return delta.daysLeft <= (delta.warnDays ?? 30) ? 'warning' : 'info';
}
