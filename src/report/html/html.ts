// Small helpers for building HTML and SVG by hand: escaping, dates, durations, numbers. Pure and deterministic.

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escapes text for element content and quoted attribute values alike. Every user string goes through here. */
export function esc(value: unknown): string {
  const text = value === null || value === undefined ? '' : typeof value === 'string' ? value : String(value);
  return text.replace(/[&<>"']/g, (c) => ENTITIES[c] ?? c);
}

/** `2026-11-23T09:31:53.292Z` -> `2026-11-23 09:31 UTC`; anything unparseable is shown as given. */
export function formatTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return iso;
  const text = new Date(ms).toISOString();
  return `${text.slice(0, 10)} ${text.slice(11, 16)} UTC`;
}

export function formatDate(iso: string | null | undefined): string {
  if (!iso) return '—';
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? iso : new Date(ms).toISOString().slice(0, 10);
}

/** A human duration between two instants: `45 s`, `12 min`, `3 h 20 min`, `4 d 2 h`. */
export function formatDuration(fromIso: string, toIso: string): string {
  const ms = Date.parse(toIso) - Date.parse(fromIso);
  if (Number.isNaN(ms)) return '—';
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 60) return `${s} s`;
  const min = Math.floor(s / 60);
  if (min < 60) return `${min} min`;
  const h = Math.floor(min / 60);
  if (h < 48) return min % 60 === 0 ? `${h} h` : `${h} h ${min % 60} min`;
  const d = Math.floor(h / 24);
  return h % 24 === 0 ? `${d} d` : `${d} d ${h % 24} h`;
}

export function formatMs(ms: number | null): string {
  if (ms === null) return '—';
  if (ms >= 10_000) return `${(ms / 1000).toFixed(1)} s`;
  return `${Math.round(ms)} ms`;
}

export function formatPercent(ratio: number | null): string {
  if (ratio === null) return '—';
  const pct = ratio * 100;
  // 99.95% must not round up to a reassuring 100%.
  if (pct < 100 && pct >= 99.95) return '99.9%';
  if (pct === 100 || pct === 0) return `${pct}%`;
  return `${pct.toFixed(pct < 1 ? 2 : 1)}%`;
}

export function plural(count: number, word: string, many = `${word}s`): string {
  return `${count} ${count === 1 ? word : many}`;
}

/** A number fit for an SVG attribute: at most two decimals, no trailing zeros. */
export function num(value: number): string {
  return String(Math.round(value * 100) / 100);
}

/** Cuts a label to `max` characters with an ellipsis (the full text goes in a <title>). */
export function truncate(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, Math.max(1, max - 1))}…` : text;
}

/** A stable id fragment for anchors (`#connector-billing`). */
export function slug(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'x';
}

const NATURAL = new Intl.Collator('en', { numeric: true, sensitivity: 'base' });

/** Natural order for names: `conn-2` before `conn-10`; ties broken by code points so the order is total. */
export function naturalCompare(a: string, b: string): number {
  return NATURAL.compare(a, b) || (a < b ? -1 : a > b ? 1 : 0);
}

/**
 * Escapes a message that may carry Markdown code spans (rule messages say "run `driftwatch scan`"): the spans become
 * <code>, so no raw backtick reaches the page. Everything else is text.
 */
export function inline(text: string | null | undefined): string {
  return esc(text).replace(/`([^`\n]+)`/g, '<code>$1</code>');
}

/** The same message for plain-text places (SVG <title>, attributes): code spans lose their backticks. */
export function plain(text: string | null | undefined): string {
  return (text ?? '').replace(/`([^`\n]+)`/g, '$1');
}

/** A table cell's text, or a flagged "missing" when nobody said. */
export function cell(value: string | null): string {
  return value === null ? '<span class="missing">missing</span>' : esc(value);
}

export function sev(severity: string): string {
  return `<span class="sev sev-${esc(severity)}">${esc(severity)}</span>`;
}
