// The baselines port: the evidence quiet runs add to an endpoint's accepted snapshot.
import type { LearnedBaseline } from '../tables.js';

export interface BaselineStore {
  /** The learned baselines of a connector's endpoints. */
  readBaselines(connector: string): Promise<LearnedBaseline[]>;
  /** Replaces the learned baselines given (one row per connector and endpoint). */
  saveBaselines(baselines: readonly LearnedBaseline[]): Promise<void>;
}
