// One Markdown table cell: a pipe would end the cell and a newline the row; HTML would be HTML (GitHub renders it).

export function markdownCell(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

/** Code in a table cell: entities are not decoded in code spans, so only the pipe is escaped (and backticks replaced). */
export function markdownCode(text: string): string {
  return `\`${text.replace(/`/g, "'").replace(/\|/g, '\\|').replace(/\r?\n/g, ' ')}\``;
}
