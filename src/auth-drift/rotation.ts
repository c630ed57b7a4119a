// Refresh-token rotation as a delta: the token endpoint handed out a new refresh token, so the stored one is stale.
import type { RefreshTokenRotated } from '../core/deltas.js';
import type { SampleOutcome } from '../core/model.js';

/** One `refresh-token-rotated` delta per env var whose refresh token the vendor rotated while this run sampled. */
export function refreshTokenRotatedDeltas(outcomes: readonly SampleOutcome[]): RefreshTokenRotated[] {
  const envs = new Set<string>();
  for (const outcome of outcomes) {
    const rotated = outcome.ok ? outcome.sample.authNote?.refreshTokenRotated : undefined;
    if (rotated) envs.add(rotated.env);
  }
  return [...envs].sort().map((env) => ({ kind: 'refresh-token-rotated', location: 'auth', path: `auth.${env}`, env }));
}
