// A before/after value as one line of text: what every output and every notification shows a person.

/** Strings as they are, type lists and value sets bare (`integer, null`), the rest as JSON. */
export function valueText(value: unknown): string {
  const bare = Array.isArray(value) && value.length > 0 && value.every((v) => typeof v === 'string');
  const text = typeof value === 'string' ? value : bare ? (value as string[]).join(', ') : JSON.stringify(value);
  return text ?? String(value);
}
