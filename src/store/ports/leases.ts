// The leases port: named, expiring locks shared by watchers on one store.

export interface LeaseStore {
  /**
   * Takes the named lease for `holder` until `until` when it is free, expired (its until <= `at`) or already
   * held by `holder` (then renews it to `until`). Atomic across processes; true when `holder` holds it after the call.
   */
  acquireLease(name: string, holder: string, until: string, at: string): Promise<boolean>;
  /** Gives the lease up, but only when `holder` holds it: a late release never frees someone else's lease. */
  releaseLease(name: string, holder: string): Promise<void>;
}
