// Where in its tick a connector starts: a fixed offset derived from its name, so connectors sharing a cron tick spread out.
import { createHash } from 'node:crypto';

/** Default spread of connectors over the first seconds of a tick (`--jitter`). */
export const DEFAULT_JITTER_WINDOW_MS = 5_000;

/**
 * The offset (ms) after its tick at which `connector` starts: the same on every fire and on every instance, so a
 * vendor sees a steady rhythm and shared watchers agree. Never more than half the schedule period, so a run keeps
 * most of its period to finish before the next fire (which would otherwise be skipped as an overlap).
 */
export function jitterMs(connector: string, windowMs: number, periodMs: number): number {
  const window = Math.floor(Math.min(windowMs, periodMs / 2));
  if (!(window > 0)) return 0;
  // sha256 rather than a string hash: similar names (c001, c002...) land far apart in the window.
  const spread = createHash('sha256').update(connector).digest().readUInt32BE(0) / 2 ** 32;
  return Math.floor(spread * window);
}
