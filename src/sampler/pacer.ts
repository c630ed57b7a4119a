// Honours a vendor's Retry-After across a connector: once any answer asks for a pause, no request of the run starts before it ends.

export class Pacer {
  #until: Promise<void> = Promise.resolve();

  constructor(private readonly sleep: (ms: number) => Promise<void>) {}

  /** Resolves when the connector may send again. */
  ready(): Promise<void> {
    return this.#until;
  }

  /** Pauses every request of the connector for `ms`; overlapping pauses end with the later one. */
  pause(ms: number): void {
    if (ms <= 0) return;
    const previous = this.#until;
    const wait = this.sleep(ms);
    this.#until = Promise.all([previous, wait]).then(() => undefined);
  }
}
