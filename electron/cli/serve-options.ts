import { readFile } from 'node:fs/promises';
import { isIP } from 'node:net';
import type { ListenAddress } from '../web/origin-policy';
import { CliError } from './exit-codes';

/**
 * `--listen HOST:PORT` (an IPv6 address in brackets), or a port alone on 127.0.0.1.
 *
 * @example
 *   parseListen('0.0.0.0:8443') // { hostname: '0.0.0.0', port: 8443 }
 *   parseListen('[::1]:8080')   // { hostname: '[::1]', port: 8080 }
 *   parseListen('8080')         // { hostname: '127.0.0.1', port: 8080 }
 */
export function parseListen(value: string): ListenAddress {
  const match = /^(?:(\[[0-9a-fA-F:.]+\]|[A-Za-z0-9.-]+):)?(\d{1,5})$/.exec(value);
  const port = Number(match?.[2]);
  if (!match || port > 65535) throw new CliError(`--listen takes HOST:PORT (such as 0.0.0.0:8443 or [::1]:8080), got "${value}".`);
  const hostname = match[1] ?? '127.0.0.1';
  if (hostname.startsWith('[') && isIP(hostname.slice(1, -1)) !== 6) throw new CliError(`--listen: ${hostname} is not an IPv6 address.`);
  return { hostname, port };
}

/**
 * `--public-url`: the address people type when a reverse proxy stands in front, which the
 * server then also answers to. Only its origin counts: the server is served from its root.
 */
export function parsePublicUrl(value: string): URL {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new CliError(`--public-url must be an address such as https://labels.example.org, got "${value}".`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new CliError(`--public-url must start with https:// or http://, got ${url.protocol}//.`);
  if (url.pathname !== '/' || url.search !== '' || url.hash !== '' || url.username !== '' || url.password !== '') {
    throw new CliError(`--public-url is the site's origin only (such as https://labels.example.org): Concord is served from the root of its address.`);
  }
  return url;
}

/** `--tls-cert` and `--tls-key` go together; each file is read now, so a wrong path fails at start, naming the file. */
export async function readTlsFiles(certPath: string | undefined, keyPath: string | undefined): Promise<{ cert: Buffer; key: Buffer } | undefined> {
  if (certPath === undefined && keyPath === undefined) return undefined;
  if (certPath === undefined || keyPath === undefined)
    throw new CliError('--tls-cert and --tls-key go together: give the certificate chain and its private key (PEM files).');
  const read = async (path: string, what: string) => {
    const content = await readFile(path).catch((error: NodeJS.ErrnoException) => {
      throw new CliError(
        `Cannot read the TLS ${what} ${path}: ${error.code === 'ENOENT' ? 'no such file' : error.code === 'EACCES' ? 'permission denied' : error.message}.`,
      );
    });
    // The content itself is never quoted: a key file given by mistake as the certificate must not reach a log.
    if (!content.includes('-----BEGIN ')) throw new CliError(`${path} is not a PEM file (expected the TLS ${what} in PEM form).`);
    return content;
  };
  return { cert: await read(certPath, 'certificate'), key: await read(keyPath, 'key') };
}
