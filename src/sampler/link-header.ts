// Parses the RFC 8288 `Link` header (`<url>; rel="next"; type="text/html", <...>`) without regular-expression backtracking.

export interface LinkValue {
  /** The target as written (may be relative to the response URL). */
  target: string;
  /** Lower-cased relation types (`rel="next prev"` gives two). */
  rels: string[];
}

/** Every link in a header value; malformed pieces are skipped, never thrown on. */
export function parseLinkHeader(value: string | undefined): LinkValue[] {
  if (value === undefined) return [];
  const links: LinkValue[] = [];
  let i = 0;
  const n = value.length;
  while (i < n) {
    const open = value.indexOf('<', i);
    if (open < 0) break;
    const close = value.indexOf('>', open + 1);
    if (close < 0) break;
    const target = value.slice(open + 1, close).trim();
    // Parameters run to the next comma outside a quoted string.
    let j = close + 1;
    let inQuotes = false;
    let params = '';
    for (; j < n; j++) {
      const ch = value[j]!;
      if (ch === '"') inQuotes = !inQuotes;
      else if (ch === '\\' && inQuotes) {
        params += value[j + 1] ?? '';
        j++;
        continue;
      } else if (ch === ',' && !inQuotes) break;
      params += ch;
    }
    const rels: string[] = [];
    for (const part of params.split(';')) {
      const eq = part.indexOf('=');
      if (eq < 0) continue;
      if (part.slice(0, eq).trim().toLowerCase() !== 'rel') continue;
      const raw = part.slice(eq + 1).trim().replace(/^"|"$/g, '');
      for (const rel of raw.split(/\s+/)) if (rel !== '') rels.push(rel.toLowerCase());
    }
    links.push({ target, rels });
    i = j + 1;
  }
  return links;
}

/** The first target with relation `rel`. */
export function linkWithRel(value: string | undefined, rel: string): string | undefined {
  return parseLinkHeader(value).find((link) => link.rels.includes(rel))?.target;
}
