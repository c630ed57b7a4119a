// The values of the connectors' credentials in the environment: what free text typed by a person must not carry.
import { loadConnectors } from '../config/load-connectors.js';
import { authEnvNames } from '../sampler/auth.js';

/** Every connector's credential values found in `env` (4 characters or more: shorter ones would redact words). */
export async function credentialValues(root: string, env: Readonly<Record<string, string | undefined>>): Promise<string[]> {
  const { connectors } = await loadConnectors(root);
  return connectors.flatMap((c) => authEnvNames(c.auth).map((name) => env[name] ?? '')).filter((value) => value.length >= 4);
}
