// One Markdown table cell: a pipe would end the cell and a newline the row, so neither may pass through.

export function markdownCell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}
