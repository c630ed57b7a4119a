// The values of the connectors' credentials in the environment: what free text typed by a person must not carry.
import { loadConnectors } from '../config/load-connectors.js';
import { authValuesIn } from '../core/auth-env-names.js';

/** Every connector's credential values found in `env`. */
export async function credentialValues(root: string, env: Readonly<Record<string, string | undefined>>): Promise<string[]> {
  const { connectors } = await loadConnectors(root);
  return connectors.flatMap((c) => authValuesIn(c.auth, env));
}
