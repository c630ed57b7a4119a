// A clock the test moves by hand: wall time, monotonic time and timers advance together, never on their own.
import type { Cancel, Clock } from '../../../src/schedule/clock.js';

interface Timer {
  id: number;
  at: number;
  fn: () => void;
  every?: number;
}

/** Lets promise chains started by a timer (a fake scan resolving, a store write) run to their next real wait. */
export async function settle(): Promise<void> {
  for (let i = 0; i < 10; i++) await new Promise<void>((resolve) => setImmediate(resolve));
}

export class FakeClock implements Clock {
  private mono = 0;
  private nextId = 1;
  private timers: Timer[] = [];

  constructor(private wall = Date.parse('2026-11-23T03:00:00.000Z')) {}

  now(): Date {
    return new Date(this.wall + this.mono);
  }

  monotonicMs(): number {
    return this.mono;
  }

  after(ms: number, fn: () => void): Cancel {
    return this.add({ id: this.nextId++, at: this.mono + Math.max(0, ms), fn });
  }

  every(ms: number, fn: () => void): Cancel {
    return this.add({ id: this.nextId++, at: this.mono + ms, fn, every: ms });
  }

  /** Timers not yet fired or cancelled. */
  pending(): number {
    return this.timers.length;
  }

  /** Moves time forward by `ms`, firing each due timer at its own instant, in order, and settling after each. */
  async advance(ms: number): Promise<void> {
    const target = this.mono + ms;
    await settle();
    for (;;) {
      const due = this.timers.filter((t) => t.at <= target).sort((a, b) => a.at - b.at || a.id - b.id)[0];
      if (!due) break;
      this.mono = due.at;
      if (due.every) due.at += due.every;
      else this.timers = this.timers.filter((t) => t !== due);
      due.fn();
      await settle();
    }
    this.mono = target;
    await settle();
  }

  private add(timer: Timer): Cancel {
    this.timers.push(timer);
    return () => {
      this.timers = this.timers.filter((t) => t !== timer);
    };
  }
}
