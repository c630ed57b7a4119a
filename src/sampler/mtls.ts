// mTLS: the client certificate and key (PEM values or file paths named by env vars), checked, and the undici agent that presents them.
import { createPrivateKey, X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { Agent } from 'undici';
import type { MtlsAuth } from '../core/model.js';

export type PemRead = { ok: true; pem: string } | { ok: false; message: string };

/**
 * The PEM text an env var holds, or the file it names. The value itself never appears in a message: an env var
 * meant to hold a path may hold the key.
 */
function readPemFromEnv(env: Readonly<Record<string, string | undefined>>, name: string, what: string): PemRead {
  const value = env[name];
  if (value === undefined || value === '') return { ok: false, message: `$${name} is not set` };
  if (value.includes('-----BEGIN')) return { ok: true, pem: value.replace(/\\n/g, '\n') };
  try {
    return { ok: true, pem: readFileSync(value, 'utf8') };
  } catch (error) {
    const code = typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : 'unreadable';
    return { ok: false, message: `$${name} holds neither a PEM ${what} nor the path of a readable file (${code})` };
  }
}

/** The client certificate of an mTLS connector, or undefined when it cannot be read (the sampler reports why). */
export function readClientCertificate(auth: MtlsAuth, env: Readonly<Record<string, string | undefined>>): X509Certificate | undefined {
  const read = readPemFromEnv(env, auth.certEnv, 'certificate');
  if (!read.ok) return undefined;
  try {
    return new X509Certificate(read.pem);
  } catch {
    return undefined;
  }
}

export type ClientTls =
  | { ok: true; cert: string; key: string; passphrase?: string; ca?: string; certificate: X509Certificate; secrets: string[] }
  | { ok: false; message: string };

/** Reads and checks the pieces: a certificate, a private key that belongs to it (opened with the passphrase), the CA. */
export function loadClientTls(auth: MtlsAuth, env: Readonly<Record<string, string | undefined>>): ClientTls {
  const cert = readPemFromEnv(env, auth.certEnv, 'certificate');
  if (!cert.ok) return cert;
  const key = readPemFromEnv(env, auth.keyEnv, 'private key');
  if (!key.ok) return key;
  const passphrase = auth.passphraseEnv ? env[auth.passphraseEnv] : undefined;
  let certificate: X509Certificate;
  try {
    certificate = new X509Certificate(cert.pem);
  } catch {
    return { ok: false, message: `$${auth.certEnv} does not hold a PEM certificate` };
  }
  const secrets = [key.pem, ...(passphrase && passphrase.length >= 4 ? [passphrase] : [])];
  try {
    const privateKey = createPrivateKey({ key: key.pem, format: 'pem', ...(passphrase !== undefined ? { passphrase } : {}) });
    if (!certificate.checkPrivateKey(privateKey)) {
      return { ok: false, message: `the key in $${auth.keyEnv} does not belong to the certificate in $${auth.certEnv}` };
    }
  } catch {
    const hint = auth.passphraseEnv ? ` (or the passphrase in $${auth.passphraseEnv} is wrong)` : ' (an encrypted key needs passphraseEnv)';
    return { ok: false, message: `$${auth.keyEnv} does not hold a usable PEM private key${hint}` };
  }
  let ca: string | undefined;
  if (auth.caEnv) {
    const read = readPemFromEnv(env, auth.caEnv, 'CA certificate');
    if (!read.ok) return read;
    ca = read.pem;
  }
  return { ok: true, cert: cert.pem, key: key.pem, certificate, secrets, ...(passphrase !== undefined ? { passphrase } : {}), ...(ca !== undefined ? { ca } : {}) };
}

/** An undici agent presenting the client certificate on every connection to the vendor. Close it after the run. */
export function clientTlsAgent(tls: Extract<ClientTls, { ok: true }>): Agent {
  return new Agent({
    connect: {
      cert: tls.cert,
      key: tls.key,
      ...(tls.passphrase !== undefined ? { passphrase: tls.passphrase } : {}),
      ...(tls.ca !== undefined ? { ca: tls.ca } : {}),
    },
  });
}
