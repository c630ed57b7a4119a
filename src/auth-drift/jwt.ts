// Reads the `exp` claim of a JWT without verifying it: enough to know when a token stops working. Never keeps the token.

/** The expiry of `token` when it is a JWT with a numeric `exp` claim; null for anything else (opaque keys). */
export function readJwtExpiry(token: string): Date | null {
  const parts = token.trim().replace(/^Bearer\s+/i, '').split('.');
  if (parts.length !== 3) return null;
  const header = decodeSegment(parts[0]!);
  const payload = decodeSegment(parts[1]!);
  if (header === null || payload === null || typeof header['alg'] !== 'string') return null;
  const exp = payload['exp'];
  if (typeof exp !== 'number' || !Number.isFinite(exp)) return null;
  return new Date(exp * 1000);
}

function decodeSegment(segment: string): Record<string, unknown> | null {
  if (!/^[A-Za-z0-9_-]+={0,2}$/.test(segment)) return null;
  try {
    const parsed: unknown = JSON.parse(Buffer.from(segment, 'base64url').toString('utf8'));
    return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}
