// Time zone names: connector files, `watch --timezone` and the daemon's schedules accept the same ones.

/** An IANA zone this Node knows (`Europe/Berlin`). Intl is pure: no IO, no clock. */
export function isValidTimezone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}
