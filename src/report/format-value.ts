// Short, single-line renderings of before/after values for humans.

/** A value as text: strings as they are, type lists and value sets bare (`integer, null`), the rest as JSON. */
export function valueText(value: unknown): string {
  const bare = Array.isArray(value) && value.length > 0 && value.every((v) => typeof v === 'string');
  const text = typeof value === 'string' ? value : bare ? (value as string[]).join(', ') : JSON.stringify(value);
  return text ?? String(value);
}

export function formatValue(value: unknown, max = 60): string {
  if (value === undefined) return '—';
  const oneLine = valueText(value).replace(/\s+/g, ' ');
  return oneLine.length > max ? `${oneLine.slice(0, max - 1)}…` : oneLine;
}

export function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}
