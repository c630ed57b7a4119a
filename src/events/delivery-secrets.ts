// The secret values a connector's deliveries must never carry into anything kept: its signing secret and credentials.
import type { Connector } from '../core/model.js';
import { authEnvNames } from '../sampler/auth.js';

/** Values shorter than this are not redacted as text: a 2-letter "secret" would blank every word holding it. */
const MIN_SECRET_LENGTH = 4;

export function deliverySecrets(connector: Connector, env: Readonly<Record<string, string | undefined>>): string[] {
  const names = [...authEnvNames(connector.auth), ...(connector.events?.signature?.secretEnv ? [connector.events.signature.secretEnv] : [])];
  return names.map((name) => env[name] ?? '').filter((value) => value.length >= MIN_SECRET_LENGTH);
}
