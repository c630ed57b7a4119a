// The next page of a sampled list: the `Link: <...>; rel="next"` target, or the request again with the body's cursor.
import { parseBodyPath, readBodyPath } from '../core/body-path.js';
import type { PaginationConfig } from '../core/model.js';
import { linkWithRel } from './link-header.js';
import type { RequestSpec, TakenSample } from './sample-endpoint.js';

export type NextPage =
  | { kind: 'next'; spec: RequestSpec; key: string }
  | { kind: 'end' }
  /** The vendor pointed somewhere it must not be followed (another origin would receive our credentials). */
  | { kind: 'refused'; message: string };

/** Where the next page is, given the page just read; `baseUrl` fixes the origin pages may come from. */
export function nextPage(paginate: PaginationConfig, spec: RequestSpec, raw: NonNullable<TakenSample['raw']>, baseUrl: string): NextPage {
  if (paginate.style === 'link') {
    const target = linkWithRel(raw.headers.link, 'next');
    if (target === undefined) return { kind: 'end' };
    let url: URL;
    try {
      url = new URL(target, raw.url);
    } catch {
      return { kind: 'refused', message: 'the Link rel="next" target is not a URL: not followed' };
    }
    if (url.origin !== new URL(baseUrl).origin) {
      return { kind: 'refused', message: `the Link rel="next" target is on another origin (${url.origin}): not followed` };
    }
    return { kind: 'next', spec: { ...spec, url }, key: url.toString() };
  }
  if (paginate.hasMore !== undefined) {
    const more = parseBodyPath(paginate.hasMore);
    if (more.ok && readBodyPath(raw.body, more.segments) !== true) return { kind: 'end' };
  }
  const path = parseBodyPath(paginate.cursor);
  if (!path.ok) return { kind: 'end' };
  const cursor = readBodyPath(raw.body, path.segments);
  if (typeof cursor !== 'string' && typeof cursor !== 'number') return { kind: 'end' };
  const value = String(cursor);
  if (value === '') return { kind: 'end' };
  return { kind: 'next', spec: { ...spec, query: { ...spec.query, [paginate.param]: value } }, key: value };
}
