// Where a spec may come from: local files (the spec and every `$ref` it pulls in) inside the project root or an
// allow-listed folder; remote specs over https from public addresses, unless the connector opts in
// (`allowInsecureSpec: true`) or the host is allow-listed. A refusal is a message naming the file and the `$ref`.
import { lookup } from 'node:dns/promises';
import { realpath } from 'node:fs/promises';
import { isIP } from 'node:net';
import { isAbsolute, relative, resolve, sep } from 'node:path';
import type { Connector } from '../core/model.js';

export interface SpecConfinement {
  /** The project root: local specs and `$ref`s must stay inside it (or inside `folders`). */
  root: string;
  /** Absolute folders outside the root that specs may read from. */
  folders?: readonly string[];
  /** Hosts a remote spec or `$ref` may come from over http, and on private or loopback addresses. */
  hosts?: readonly string[];
  /** The connector's `allowInsecureSpec: true`: http and private, loopback and link-local addresses are allowed. */
  allowInsecure?: boolean;
  /** Resolves a host name to its addresses (default: DNS); injectable so tests need no resolver. */
  resolveHost?: (host: string) => Promise<string[]>;
}

/** `null`: allowed; otherwise why not (a sentence for the config error). */
export type Verdict = string | null;

function inside(folder: string, path: string): boolean {
  const rel = relative(folder, path);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel) && !rel.startsWith(`..${sep}`));
}

async function realOrSelf(path: string): Promise<string> {
  try {
    return await realpath(path);
  } catch {
    return path;
  }
}

/** A local file (after symlinks are followed) inside the root or an allowed folder. */
export async function checkSpecFile(path: string, confine: SpecConfinement): Promise<Verdict> {
  const target = await realOrSelf(resolve(path));
  const folders = [confine.root, ...(confine.folders ?? [])].map((f) => resolve(f));
  const real = await Promise.all(folders.map(realOrSelf));
  if ([...folders, ...real].some((folder) => inside(folder, target))) return null;
  return `${path} is outside the project root (${confine.root}); list its folder under \`specAllow.folders\` to allow it`;
}

/** IPv4/IPv6 loopback, private (RFC 1918, unique local), link-local, unspecified and CGNAT ranges. */
export function isNonPublicAddress(address: string): boolean {
  const v4 = address.startsWith('::ffff:') ? address.slice(7) : address;
  if (isIP(v4) === 4) {
    const [a, b] = v4.split('.').map(Number) as [number, number];
    return a === 127 || a === 10 || a === 0 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168) || (a === 169 && b === 254) || (a === 100 && b >= 64 && b <= 127);
  }
  const v6 = address.toLowerCase();
  return v6 === '::1' || v6 === '::' || v6.startsWith('fe8') || v6.startsWith('fe9') || v6.startsWith('fea') || v6.startsWith('feb') || v6.startsWith('fc') || v6.startsWith('fd');
}

async function addressesOf(host: string, confine: SpecConfinement): Promise<string[]> {
  const bare = host.startsWith('[') ? host.slice(1, -1) : host;
  if (isIP(bare)) return [bare];
  if (confine.resolveHost) return confine.resolveHost(bare);
  try {
    return (await lookup(bare, { all: true })).map((a) => a.address);
  } catch {
    // An unknown host fails at the fetch with its own message; there is no address to refuse.
    return [];
  }
}

/** A remote spec or `$ref`: https to a public address, unless the connector opts in or the host is listed. */
export async function checkSpecUrl(url: string, confine: SpecConfinement): Promise<Verdict> {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return `${url} is not a URL`;
  }
  const shown = `${parsed.protocol}//${parsed.host}${parsed.pathname}`;
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return `${shown}: only https (and, when allowed, http) specs are fetched`;
  if (confine.allowInsecure || (confine.hosts ?? []).some((h) => h.toLowerCase() === parsed.hostname.toLowerCase())) return null;
  if (parsed.protocol !== 'https:') return `${shown} is not https; set \`allowInsecureSpec: true\` on the connector (or list the host under \`specAllow.hosts\`) to fetch it`;
  const addresses = await addressesOf(parsed.hostname, confine);
  const blocked = addresses.find(isNonPublicAddress);
  if (blocked !== undefined) return `${shown} resolves to a private, loopback or link-local address (${blocked}); list the host under \`specAllow.hosts\` to fetch it`;
  return null;
}

/** A connector's confinement: the project root, plus what its `specAllow` and `allowInsecureSpec` open. */
export function confinementFor(root: string, connector: Pick<Connector, 'allowInsecureSpec' | 'specAllow'>): SpecConfinement {
  return {
    root,
    folders: (connector.specAllow?.folders ?? []).map((f) => resolve(root, f)),
    hosts: connector.specAllow?.hosts ?? [],
    allowInsecure: connector.allowInsecureSpec === true,
  };
}
