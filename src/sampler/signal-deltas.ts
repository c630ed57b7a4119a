// Vendor signals as deltas: the Deprecation and Sunset announcements of a run's samples, one per endpoint and signal.
import type { DeprecationAnnounced, SunsetAnnounced } from '../core/deltas.js';
import type { Sample, VendorSignals } from '../core/model.js';

const DAY_MS = 86_400_000;

type Signal = NonNullable<VendorSignals['deprecation']>;
export type SignalDelta = (DeprecationAnnounced | SunsetAnnounced) & { endpoint: string };

/** Whole days from `now` to `iso`, rounded down (negative once past): 0 means "today". */
function daysUntil(iso: string, now: Date): number {
  return Math.floor((Date.parse(iso) - now.getTime()) / DAY_MS);
}

/**
 * The most urgent announcement among an endpoint's samples: the earliest readable date wins (pages and variants may
 * disagree; the first to stop answering is the one that breaks), its link and raw value kept from whichever had them.
 */
function mostUrgent(signals: readonly Signal[]): Signal {
  const dated = signals.filter((s) => s.date !== undefined).sort((a, b) => Date.parse(a.date!) - Date.parse(b.date!));
  const first = dated[0] ?? signals[0]!;
  const link = first.link ?? signals.find((s) => s.link !== undefined)?.link;
  const raw = first.date === undefined ? (first.raw ?? signals.find((s) => s.raw !== undefined)?.raw) : undefined;
  return { ...(first.date !== undefined ? { date: first.date } : {}), ...(link !== undefined ? { link } : {}), ...(raw !== undefined ? { raw } : {}) };
}

function deprecationDelta(endpoint: string, signal: Signal, now: Date): SignalDelta {
  const after = signal.date !== undefined ? signal.date.slice(0, 10) : signal.raw !== undefined ? signal.raw : 'announced';
  return {
    endpoint,
    kind: 'deprecation-announced',
    location: 'signal',
    path: 'deprecation',
    after,
    ...signal,
    ...(signal.date !== undefined ? { daysFromNow: daysUntil(signal.date, now) } : {}),
  };
}

function sunsetDelta(endpoint: string, signal: Signal, now: Date, warnDays: number): SignalDelta {
  const daysLeft = signal.date !== undefined ? daysUntil(signal.date, now) : undefined;
  // Inside the window as soon as the sunset is less than `warnDays` whole days away, by the clock, not by rounding.
  const imminent = signal.date !== undefined && Date.parse(signal.date) - now.getTime() <= warnDays * DAY_MS;
  const day = signal.date?.slice(0, 10);
  // The phase is part of the value, so a drift accepted while the date was far away opens again inside the window.
  const passed = daysLeft !== undefined && daysLeft < 0;
  const after = day === undefined ? (signal.raw ?? 'announced') : passed ? `${day} (passed)` : imminent ? `${day} (within ${warnDays} days)` : day;
  return {
    endpoint,
    kind: 'sunset-announced',
    location: 'signal',
    path: 'sunset',
    after,
    ...signal,
    ...(daysLeft !== undefined ? { daysLeft } : {}),
    warnDays,
    imminent,
  };
}

/**
 * One `deprecation-announced` and one `sunset-announced` delta per endpoint whose samples carried them this run.
 * `now` is the run's clock (from the check input); the days left only word the message, never the drift's identity.
 */
export function signalDeltas(samples: readonly Sample[], now: Date, sunsetWarnDays: number): SignalDelta[] {
  const byEndpoint = new Map<string, { deprecation: Signal[]; sunset: Signal[] }>();
  for (const sample of samples) {
    if (!sample.signals) continue;
    const entry = byEndpoint.get(sample.endpoint) ?? { deprecation: [], sunset: [] };
    if (sample.signals.deprecation) entry.deprecation.push(sample.signals.deprecation);
    if (sample.signals.sunset) entry.sunset.push(sample.signals.sunset);
    byEndpoint.set(sample.endpoint, entry);
  }
  const out: SignalDelta[] = [];
  for (const [endpoint, { deprecation, sunset }] of byEndpoint) {
    if (deprecation.length > 0) out.push(deprecationDelta(endpoint, mostUrgent(deprecation), now));
    if (sunset.length > 0) out.push(sunsetDelta(endpoint, mostUrgent(sunset), now, sunsetWarnDays));
  }
  return out;
}
