// Vendor early warnings in response headers: Deprecation (RFC 9745), Sunset (RFC 8594), Link rel="deprecation" / "sunset".
import type { VendorSignals } from '../core/model.js';
import { linkWithRel } from './link-header.js';

/** An HTTP-date (IMF-fixdate, or the obsolete forms Date.parse also reads) as an ISO timestamp. */
function httpDate(text: string): string | undefined {
  if (!/[A-Za-z]/.test(text)) return undefined; // a bare number is not an HTTP-date
  const at = Date.parse(text);
  return Number.isNaN(at) ? undefined : new Date(at).toISOString();
}

/** RFC 9745: a structured-field Date, `@` and whole seconds since the epoch. */
function structuredDate(text: string): string | undefined {
  const match = /^@(-?\d{1,15})$/.exec(text);
  if (!match) return undefined;
  const at = new Date(Number(match[1]) * 1000);
  return Number.isNaN(at.getTime()) ? undefined : at.toISOString();
}

/**
 * `Deprecation: @1688169599` (RFC 9745), or the draft's `true` and HTTP-date forms still sent by many vendors.
 * `true` means deprecated with no date; an unreadable value is kept raw so the report can show it.
 */
function readDeprecation(value: string): { date?: string; raw?: string } {
  const text = value.trim();
  if (text.toLowerCase() === 'true' || text === '?1') return {};
  const date = structuredDate(text) ?? httpDate(text);
  return date !== undefined ? { date } : { raw: text.slice(0, 200) };
}

function readSunset(value: string): { date?: string; raw?: string } {
  const text = value.trim();
  const date = httpDate(text) ?? structuredDate(text);
  return date !== undefined ? { date } : { raw: text.slice(0, 200) };
}

/**
 * Typed signals from raw response headers (lower-case names), or undefined when the vendor announced nothing.
 * Link targets are resolved against the response URL and passed through `scrubUrl` (they may carry a token).
 */
export function readSignals(headers: Record<string, string>, responseUrl: URL, scrubUrl: (url: string) => string): VendorSignals | undefined {
  const signals: VendorSignals = {};
  const link = (rel: string): string | undefined => {
    const target = linkWithRel(headers.link, rel);
    if (target === undefined) return undefined;
    try {
      return scrubUrl(new URL(target, responseUrl).toString());
    } catch {
      return undefined;
    }
  };
  const deprecationLink = link('deprecation');
  if (headers.deprecation !== undefined || deprecationLink !== undefined) {
    signals.deprecation = {
      ...(headers.deprecation !== undefined ? readDeprecation(headers.deprecation) : {}),
      ...(deprecationLink !== undefined ? { link: deprecationLink } : {}),
    };
  }
  const sunsetLink = link('sunset');
  if (headers.sunset !== undefined || sunsetLink !== undefined) {
    signals.sunset = {
      ...(headers.sunset !== undefined ? readSunset(headers.sunset) : {}),
      ...(sunsetLink !== undefined ? { link: sunsetLink } : {}),
    };
  }
  return signals.deprecation || signals.sunset ? signals : undefined;
}
