// A real OAuth2 token endpoint and an API behind it on 127.0.0.1: client credentials, refresh with rotation, refusals.
import { randomBytes } from 'node:crypto';
import { sendJson, startVendorServer, type VendorServer } from '../helpers/vendor-server.js';

export interface TokenRequest {
  form: Record<string, string>;
  /** `id:secret` from an HTTP Basic header, decoded per RFC 6749 §2.3.1. */
  basic?: { id: string; secret: string };
}

export interface OAuthWorld {
  server: VendorServer;
  tokenUrl: string;
  tokenRequests: TokenRequest[];
  /** Every access token ever issued, newest last. */
  issued: string[];
  /** The refresh token the server accepts now (rotation moves it on). */
  currentRefreshToken: string;
  /** Tokens the API accepts; revoke() empties it. */
  revoke(): void;
  /** The body `GET /v1/things` answers from now on (a vendor release). */
  release(body: Record<string, unknown>): void;
  /** Next token responses: 'invalid_grant' refuses with 400, 'invalid_client' with 401, 'down' answers 503. */
  failNext(kind: 'invalid_grant' | 'invalid_client' | 'down', times?: number): void;
  close(): Promise<void>;
}

export interface OAuthWorldOptions {
  clientId: string;
  clientSecret: string;
  refreshToken: string;
  expiresIn?: number;
  /** Issue a new refresh token on every refresh and refuse the old one afterwards. */
  rotate?: boolean;
  /** The API echoes the bearer token in its body (a leaky vendor). */
  echoToken?: boolean;
}

function decodeForm(text: string): Record<string, string> {
  return Object.fromEntries(new URLSearchParams(text));
}

function decodeBasic(header: string | undefined): TokenRequest['basic'] {
  if (!header?.startsWith('Basic ')) return undefined;
  const [id, secret] = Buffer.from(header.slice(6), 'base64').toString('utf8').split(':');
  const unform = (s: string | undefined): string => decodeURIComponent((s ?? '').replace(/\+/g, ' '));
  return { id: unform(id), secret: unform(secret) };
}

export async function startOAuthWorld(options: OAuthWorldOptions): Promise<OAuthWorld> {
  const tokenRequests: TokenRequest[] = [];
  const issued: string[] = [];
  const valid = new Set<string>();
  const failures: Array<'invalid_grant' | 'invalid_client' | 'down'> = [];
  let refresh = options.refreshToken;
  let things: Record<string, unknown> = { data: [{ id: 'th_1', name: 'one' }] };
  const newToken = (prefix: string): string => `${prefix}_${randomBytes(12).toString('hex')}`;

  const server = await startVendorServer({
    'POST /oauth/token': (req, res, ctx) => {
      const form = decodeForm(ctx.body);
      const basic = decodeBasic(req.headers.authorization);
      tokenRequests.push({ form, ...(basic ? { basic } : {}) });
      const failure = failures.shift();
      if (failure === 'down') return sendJson(res, 503, { error: 'temporarily_unavailable' });
      if (failure === 'invalid_client') return sendJson(res, 401, { error: 'invalid_client', error_description: 'Client authentication failed' });
      if (failure === 'invalid_grant') return sendJson(res, 400, { error: 'invalid_grant', error_description: 'Refresh token expired' });
      const id = basic?.id ?? form.client_id;
      const secret = basic?.secret ?? form.client_secret;
      if (form.grant_type === 'client_credentials') {
        if (id !== options.clientId || secret !== options.clientSecret) return sendJson(res, 401, { error: 'invalid_client' });
      } else if (form.grant_type === 'refresh_token') {
        if (form.refresh_token !== refresh) return sendJson(res, 400, { error: 'invalid_grant', error_description: 'Unknown refresh token' });
      } else {
        return sendJson(res, 400, { error: 'unsupported_grant_type' });
      }
      const token = newToken('at');
      issued.push(token);
      valid.add(token);
      const body: Record<string, unknown> = { access_token: token, token_type: 'Bearer', expires_in: options.expiresIn ?? 3600 };
      if (form.grant_type === 'refresh_token' && options.rotate) {
        refresh = newToken('rt');
        body.refresh_token = refresh;
      }
      sendJson(res, 200, body);
    },
    'GET /v1/things': (req, res) => {
      const token = (req.headers.authorization ?? '').replace(/^Bearer /, '');
      if (!valid.has(token)) return sendJson(res, 401, { error: 'invalid_token' });
      sendJson(res, 200, { ...things, ...(options.echoToken ? { debug: { seen: token, note: `used ${token}` } } : {}) });
    },
  });
  return {
    server,
    tokenUrl: `${server.url}/oauth/token`,
    tokenRequests,
    issued,
    get currentRefreshToken() {
      return refresh;
    },
    revoke: () => valid.clear(),
    release: (body) => {
      things = body;
    },
    failNext: (kind, times = 1) => {
      for (let i = 0; i < times; i++) failures.push(kind);
    },
    close: () => server.close(),
  };
}
