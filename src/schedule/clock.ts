// The daemon's sense of time, injected: wall time, a monotonic counter for durations, and timers. Tests pass a fake one.
import { performance } from 'node:perf_hooks';

/** Cancels a timer; calling it twice is harmless. */
export type Cancel = () => void;

export interface Clock {
  now(): Date;
  /** Monotonic milliseconds, for durations (never jumps with the wall clock). */
  monotonicMs(): number;
  /** Calls `fn` once after `ms`. */
  after(ms: number, fn: () => void): Cancel;
  /** Calls `fn` every `ms` until cancelled. */
  every(ms: number, fn: () => void): Cancel;
}

/** Real time; `now` may come from the caller (the CLI's io.now) so every part of a run agrees on it. */
export function systemClock(now: () => Date = () => new Date()): Clock {
  return {
    now,
    monotonicMs: () => performance.now(),
    after(ms, fn) {
      const timer = setTimeout(fn, ms);
      return () => clearTimeout(timer);
    },
    every(ms, fn) {
      const timer = setInterval(fn, ms);
      return () => clearInterval(timer);
    },
  };
}
