// The secret values a connector's deliveries must never carry into anything kept: its signing secret and credentials.
import { authValuesIn } from '../core/auth-env-names.js';
import type { Connector } from '../core/model.js';

/** Values shorter than this are not redacted as text: a 2-letter "secret" would blank every word holding it. */
const MIN_SECRET_LENGTH = 4;

export function deliverySecrets(connector: Connector, env: Readonly<Record<string, string | undefined>>): string[] {
  const signing = connector.events?.signature?.secretEnv;
  const secret = signing !== undefined ? (env[signing] ?? '') : '';
  return [...authValuesIn(connector.auth, env), ...(secret.length >= MIN_SECRET_LENGTH ? [secret] : [])];
}
