// Short, single-line renderings of before/after values for humans.

export function formatValue(value: unknown, max = 60): string {
  if (value === undefined) return '—';
  // Type lists and value sets read better bare: `integer, null` rather than `["integer","null"]`.
  const bare = Array.isArray(value) && value.length > 0 && value.every((v) => typeof v === 'string');
  const text = typeof value === 'string' ? value : bare ? (value as string[]).join(', ') : JSON.stringify(value);
  const oneLine = (text ?? String(value)).replace(/\s+/g, ' ');
  return oneLine.length > max ? `${oneLine.slice(0, max - 1)}…` : oneLine;
}

export function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}
