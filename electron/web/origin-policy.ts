import type { IncomingMessage } from 'node:http';
import { hostname as machineName, networkInterfaces } from 'node:os';

/** Where a server listens, as `--listen HOST:PORT` gives it (the port once bound). */
export interface ListenAddress {
  hostname: string;
  port: number;
}

/**
 * Which `Host` headers and `Origin`s a server answers: the names it can be reached by and
 * nothing else, so a page on another site (cross-site request forgery) or a name rebound to
 * this address (DNS rebinding) is refused.
 */
export interface OriginPolicy {
  /** Lower-case `host[:port]` values of the Host header. */
  hosts: ReadonlySet<string>;
  /** `scheme://host[:port]` values of the Origin header. */
  origins: ReadonlySet<string>;
}

const LOOPBACK_NAMES = ['127.0.0.1', 'localhost', '[::1]'];
const WILDCARDS = new Set(['0.0.0.0', '::', '[::]']);

/**
 * The names a server is reached by follow from where it listens: the loopback names for a
 * loopback address, every address of this machine (and its name) for a wildcard one, or the
 * name given. A public URL (a reverse proxy's address) adds its own host and origin.
 *
 * @example
 *   originPolicy({ hostname: '127.0.0.1', port: 8080 }, { tls: false }).hosts // has '127.0.0.1:8080', 'localhost:8080'
 *   originPolicy({ hostname: '10.0.0.5', port: 443 }, { tls: true, publicUrl: new URL('https://labels.example.org') })
 */
export function originPolicy(listen: ListenAddress, options: { tls: boolean; publicUrl?: URL | undefined }): OriginPolicy {
  const scheme = options.tls ? 'https' : 'http';
  const defaultPort = options.tls ? 443 : 80;
  const hosts = new Set<string>();
  for (const name of namesOf(listen.hostname)) {
    hosts.add(`${name}:${listen.port}`.toLowerCase());
    // Browsers leave the scheme's own port out of Host and Origin.
    if (listen.port === defaultPort) hosts.add(name.toLowerCase());
  }
  const origins = new Set([...hosts].map((host) => `${scheme}://${host}`));
  if (options.publicUrl) {
    hosts.add(options.publicUrl.host.toLowerCase());
    origins.add(options.publicUrl.origin.toLowerCase());
  }
  return { hosts, origins };
}

function namesOf(hostname: string): string[] {
  const bracketed = (address: string) => (address.includes(':') ? `[${address}]` : address);
  if (WILDCARDS.has(hostname)) {
    const addresses = Object.values(networkInterfaces())
      .flat()
      .flatMap((info) => (info ? [bracketed(info.address)] : []));
    return [...new Set([...LOOPBACK_NAMES, ...addresses, machineName()])];
  }
  if (LOOPBACK_NAMES.includes(bracketed(hostname))) return LOOPBACK_NAMES;
  return [bracketed(hostname)];
}

/**
 * Refuses requests addressed to another host name (DNS rebinding) and requests sent by a page
 * of another origin (cross-site request forgery). A request without Origin (a script, a
 * plain navigation) passes on its Host alone.
 */
export function isAllowedOrigin(request: IncomingMessage, policy: OriginPolicy): boolean {
  if (!policy.hosts.has((request.headers.host ?? '').toLowerCase())) return false;
  const origin = request.headers.origin;
  return origin === undefined || policy.origins.has(origin.toLowerCase());
}
