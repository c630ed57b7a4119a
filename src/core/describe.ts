// Words for rule messages: how types, values and presence read to a person.

/** `string`, `integer or null`, `(unknown)`: a schema type (or list of them) as prose. */
export function describeType(type: unknown): string {
  if (typeof type === 'string') return type;
  if (Array.isArray(type) && type.length > 0) return type.map(String).join(' or ');
  return '(unknown)';
}

/** `"open", "paid"`: values quoted and listed. */
export function describeValues(values: unknown): string {
  return Array.isArray(values) ? values.map((v) => JSON.stringify(v)).join(', ') : JSON.stringify(values);
}

/** `18 of 20` when the counts are known, else a percentage, else nothing. */
export function describePresence(present: unknown, seen: unknown, ratio: unknown): string {
  if (typeof present === 'number' && typeof seen === 'number') return `${present} of ${seen}`;
  if (typeof ratio === 'number') return `${Math.round(ratio * 100)}%`;
  return 'an unknown share';
}
