// Reads the vendor host's TLS certificate (node:tls) to learn when it expires; https base URLs only, short timeout.
import { connect } from 'node:tls';
import type { TlsCertificateExpiring } from '../core/deltas.js';
import { daysBetween } from '../core/ownership.js';

export type CertificateProbe =
  | { ok: true; host: string; port: number; validTo: Date; subject: string; issuer: string }
  | { ok: false; host: string; port: number; error: string }
  | { ok: 'skipped'; reason: string };

export interface ProbeOptions {
  timeoutMs?: number;
}

const DEFAULT_TLS_PROBE_TIMEOUT_MS = 5_000;

/**
 * Connects to the host of an https `baseUrl` and reads the peer certificate's `valid_to`. Verification is off on
 * purpose: an expired or self-signed certificate is exactly what this must be able to read. No request is sent.
 */
export function probeCertificate(baseUrl: string, options: ProbeOptions = {}): Promise<CertificateProbe> {
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch {
    return Promise.resolve({ ok: 'skipped', reason: 'not a URL' });
  }
  if (url.protocol !== 'https:') return Promise.resolve({ ok: 'skipped', reason: 'not https' });
  const host = url.hostname.replace(/^\[|\]$/g, '');
  const port = url.port ? Number(url.port) : 443;
  const timeoutMs = options.timeoutMs ?? DEFAULT_TLS_PROBE_TIMEOUT_MS;
  const isIp = /^[\d.]+$/.test(host) || host.includes(':');
  return new Promise((resolve) => {
    let settled = false;
    const finish = (result: CertificateProbe): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      resolve(result);
    };
    const socket = connect({ host, port, rejectUnauthorized: false, ...(isIp ? {} : { servername: host }) });
    const timer = setTimeout(() => finish({ ok: false, host, port, error: `no TLS handshake within ${timeoutMs} ms` }), timeoutMs);
    socket.once('secureConnect', () => {
      const cert = socket.getPeerCertificate();
      if (!cert || !cert.valid_to) return finish({ ok: false, host, port, error: 'the server sent no certificate' });
      const validTo = new Date(cert.valid_to);
      if (Number.isNaN(validTo.getTime())) return finish({ ok: false, host, port, error: `unreadable certificate expiry "${cert.valid_to}"` });
      finish({ ok: true, host, port, validTo, subject: nameOf(cert.subject), issuer: nameOf(cert.issuer) });
    });
    socket.once('error', (error: NodeJS.ErrnoException) => finish({ ok: false, host, port, error: error.code ?? error.message }));
  });
}

function nameOf(name: unknown): string {
  if (name && typeof name === 'object' && 'CN' in name) {
    const cn = (name as { CN?: string | string[] }).CN;
    return Array.isArray(cn) ? cn.join(', ') : (cn ?? '');
  }
  return '';
}

/** A certificate whose expiry is watched: the vendor host's (probed) or the connector's own client certificate. */
export interface WatchedCertificate {
  role: 'server' | 'client';
  /** `api.vendor.com`, or `client certificate $ACME_CERT` (the env var that holds it). */
  host: string;
  port?: number;
  env?: string;
  validTo: Date;
  subject: string;
  issuer: string;
}

/** A `tls-certificate-expiring` delta when the vendor host's certificate expires within `warnDays`, or already has. */
export function certificateDeltas(probe: CertificateProbe, now: Date, warnDays: number): TlsCertificateExpiring[] {
  if (probe.ok !== true) return [];
  const { host, port, validTo, subject, issuer } = probe;
  return expiringCertificateDeltas({ role: 'server', host, port, validTo, subject, issuer }, `tls.${host}:${port}`, now, warnDays);
}

/** The one place a certificate's expiry becomes a delta, whichever side of the handshake presents it. */
export function expiringCertificateDeltas(cert: WatchedCertificate, path: string, now: Date, warnDays: number): TlsCertificateExpiring[] {
  const msLeft = cert.validTo.getTime() - now.getTime();
  if (msLeft > warnDays * 86_400_000) return [];
  return [
    {
      kind: 'tls-certificate-expiring',
      location: 'auth',
      path,
      after: cert.validTo.toISOString(),
      host: cert.host,
      ...(cert.port !== undefined ? { port: cert.port } : {}),
      ...(cert.role === 'client' ? { role: 'client' as const, env: cert.env } : {}),
      validTo: cert.validTo.toISOString(),
      daysLeft: daysBetween(now, cert.validTo),
      expired: msLeft <= 0,
      ...(cert.subject ? { subject: cert.subject } : {}),
      ...(cert.issuer ? { issuer: cert.issuer } : {}),
      warnDays,
    },
  ];
}
