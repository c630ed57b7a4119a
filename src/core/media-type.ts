// Media types as driftwatch compares them: the type alone, lower-cased, parameters such as charset dropped.

/** `application/json; charset=utf-8` and `Application/JSON` are the same answer: `application/json`. */
export function mediaTypeOf(contentType: string | null | undefined): string | null {
  if (!contentType) return null;
  const media = (contentType.split(';')[0] ?? '').trim().toLowerCase();
  return media === '' ? null : media;
}

/** `application/json` and the `+json` family (`application/problem+json`, `application/vnd.api+json`...). */
export function isJsonMediaType(media: string | null): boolean {
  return media !== null && (media === 'application/json' || media.endsWith('+json'));
}
