// The env var NAMES a connector's auth reads (never their values): what must be set, what is secret, what is shared.
import type { AuthConfig } from './model.js';

/** The env var names an auth config reads, in order (the ones it needs first, then the optional ones). */
function authEnvNames(auth: AuthConfig): string[] {
  return [...requiredEnvNames(auth), ...optionalEnvNames(auth)];
}

function optionalEnvNames(auth: AuthConfig): string[] {
  switch (auth.type) {
    case 'oauth2-refresh-token':
      return [auth.clientIdEnv, auth.clientSecretEnv].filter((n): n is string => n !== undefined);
    case 'mtls':
      return [auth.passphraseEnv, auth.caEnv].filter((n): n is string => n !== undefined);
    default:
      return [];
  }
}

/**
 * The env vars that hold the credential itself: what "shared" means across connectors. A CA bundle or a client
 * certificate is public; two connectors trusting one CA share nothing secret.
 */
export function credentialEnvNames(auth: AuthConfig): string[] {
  if (auth.type === 'mtls') return [auth.keyEnv, ...(auth.passphraseEnv ? [auth.passphraseEnv] : [])];
  return authEnvNames(auth);
}

/** The env var names that must be set for the auth to work at all. */
export function requiredEnvNames(auth: AuthConfig): string[] {
  switch (auth.type) {
    case 'none':
      return [];
    case 'bearer':
      return [auth.tokenEnv];
    case 'header':
    case 'query':
      return [auth.valueEnv];
    case 'basic':
      return [auth.usernameEnv, auth.passwordEnv];
    case 'oauth2-client-credentials':
      return [auth.clientIdEnv, auth.clientSecretEnv];
    case 'oauth2-refresh-token':
      return [auth.refreshTokenEnv];
    case 'mtls':
      return [auth.certEnv, auth.keyEnv];
  }
}

/** The values of an auth config's env vars found in `env` (4 characters or more: shorter ones would redact words). */
export function authValuesIn(auth: AuthConfig, env: Readonly<Record<string, string | undefined>>): string[] {
  return authEnvNames(auth)
    .map((name) => env[name] ?? '')
    .filter((value) => value.length >= 4);
}
