// XML text and attribute escaping for the JUnit renderers.

export function escapeXml(text: string): string {
  return (
    text
      .replace(/&/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;')
      .replace(/"/g, '&quot;')
      .replace(/'/g, '&apos;')
      // XML 1.0 cannot carry most control characters, even escaped.
      // eslint-disable-next-line no-control-regex
      .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F]/g, '')
  );
}

/** JUnit's `timestamp`: ISO 8601 without a zone (the Ant schema refuses one); driftwatch's times are UTC. */
export function junitTimestamp(iso: string): string {
  return iso.slice(0, 19);
}

/** JUnit's `time`: seconds, three decimals. */
export function junitSeconds(ms: number): string {
  return (Math.max(0, ms) / 1000).toFixed(3);
}
