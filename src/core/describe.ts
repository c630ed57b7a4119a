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

/** `in 48 of 50 objects` / `absent from the last 12 objects`: presence evidence as a person reads it. */
export function describeAbsence(e: { present: number; seen: number; absent: number; absentNow: number; seenNow: number }): string {
  const before = `present in ${e.present} of ${e.seen} earlier objects`;
  if (e.absentNow === e.seenNow) {
    const streak = e.absent === 1 ? 'the last object' : `the last ${e.absent} objects`;
    return `${before}, absent from ${streak}`;
  }
  return `${before}, missing from ${e.absentNow} of ${e.seenNow} now`;
}

/**
 * A response-shape rule's message for the source that saw the change: what samples showed (also a spec-vs-spec diff),
 * what the live answer does against the vendor's spec, or what a consumer's pact expects.
 */
export function statedWording(
  delta: { by?: 'spec' | 'pact' | 'graphql'; where?: string },
  ctx: { source: string },
  words: { seen: string; spec: string; pact: string },
): string {
  if (ctx.source === 'spec-diff') return `${words.seen} in the spec`;
  if (delta.by === 'graphql') return `${words.seen} in the vendor's GraphQL schema${delta.where !== undefined ? ` (${delta.where})` : ''}`;
  if (delta.by === 'pact') return `${delta.where !== undefined ? `"${delta.where}"` : 'a pact'} ${words.pact}`;
  if (delta.by === 'spec') return words.spec;
  return words.seen;
}
