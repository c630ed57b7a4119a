// Turns a connector's auth description (env var names) into request headers/query values, and the secrets to scrub.
// Static credentials only: OAuth2 tokens and mTLS certificates are added per run by the auth session (auth-session.ts).
import { credentialEnvNames, requiredEnvNames } from '../core/auth-env-names.js';
import type { AuthConfig } from '../core/model.js';

export type ResolvedAuth =
  | { ok: true; headers: Record<string, string>; query: Record<string, string>; secrets: string[]; secretParams: string[] }
  | { ok: false; missing: string[] };

/** Usernames this long look like keys (Stripe, Twilio SIDs); shorter ones (`admin`) would scrub ordinary words. */
const SECRET_USERNAME_LENGTH = 16;

export function resolveAuth(auth: AuthConfig, env: Readonly<Record<string, string | undefined>>): ResolvedAuth {
  // An empty variable is as useless as an unset one: the vendor would only answer 401.
  const missing = requiredEnvNames(auth).filter((name) => !env[name]);
  if (missing.length > 0) return { ok: false, missing };
  const read = (name: string): string => env[name] as string;
  switch (auth.type) {
    case 'none':
      return { ok: true, headers: {}, query: {}, secrets: [], secretParams: [] };
    case 'bearer': {
      const token = read(auth.tokenEnv);
      return { ok: true, headers: { authorization: `Bearer ${token}` }, query: {}, secrets: [token], secretParams: [] };
    }
    case 'header': {
      const value = read(auth.valueEnv);
      return { ok: true, headers: { [auth.headerName.toLowerCase()]: value }, query: {}, secrets: [value], secretParams: [] };
    }
    case 'query': {
      const value = read(auth.valueEnv);
      return { ok: true, headers: {}, query: { [auth.param]: value }, secrets: [value], secretParams: [auth.param] };
    }
    case 'basic': {
      const username = read(auth.usernameEnv);
      const password = read(auth.passwordEnv);
      const encoded = Buffer.from(`${username}:${password}`, 'utf8').toString('base64');
      const secrets = [password, encoded];
      if (username.length >= SECRET_USERNAME_LENGTH) secrets.push(username);
      return { ok: true, headers: { authorization: `Basic ${encoded}` }, query: {}, secrets, secretParams: [] };
    }
    case 'oauth2-client-credentials':
    case 'oauth2-refresh-token':
    case 'mtls': {
      // Nothing static goes on the wire (the auth session adds the token or the client certificate); the values
      // must still never be written anywhere. A client id is an identifier: like a basic username, it is only
      // scrubbed when it looks like a key.
      const clientId = auth.type !== 'mtls' && auth.clientIdEnv ? env[auth.clientIdEnv] : undefined;
      const secrets = credentialEnvNames(auth)
        .map((name) => env[name])
        .filter((value): value is string => value !== undefined && value.length >= 4)
        .filter((value) => value !== clientId || value.length >= SECRET_USERNAME_LENGTH);
      return { ok: true, headers: {}, query: {}, secrets, secretParams: [] };
    }
  }
}
