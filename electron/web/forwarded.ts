import type { IncomingMessage } from 'node:http';
import { isIP } from 'node:net';
import type { TLSSocket } from 'node:tls';

/**
 * What a request says about the person who sent it, read either from the connection or,
 * behind a reverse proxy the server was told to trust, from the headers the proxy adds.
 * Without that trust the headers are ignored: anyone may send them.
 */
export interface ClientView {
  /** The address sign-in throttling counts failures against. */
  address: string | null;
  /** Whether the person's browser reached us over HTTPS (directly, or at the proxy). */
  secure: boolean;
}

/**
 * The proxy appends the address it saw to `X-Forwarded-For` (nginx's
 * `$proxy_add_x_forwarded_for`), so the last entry is the one it vouches for; entries
 * before it came from the client and may be forged.
 *
 * @example
 *   clientView(request, true) // X-Forwarded-For: "1.2.3.4, 10.0.0.7" → { address: '10.0.0.7', ... }
 */
export function clientView(request: IncomingMessage, trustProxy: boolean): ClientView {
  const direct = { address: request.socket.remoteAddress ?? null, secure: (request.socket as Partial<TLSSocket>).encrypted === true };
  if (!trustProxy) return direct;
  const forwarded = lastHeaderValue(request.headers['x-forwarded-for'])
    ?.split(',')
    .map((part) => part.trim())
    .at(-1);
  const proto = lastHeaderValue(request.headers['x-forwarded-proto'])?.split(',').at(-1)?.trim().toLowerCase();
  return {
    address: forwarded && isIP(forwarded) !== 0 ? forwarded : direct.address,
    secure: proto === undefined ? direct.secure : proto === 'https',
  };
}

function lastHeaderValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value.at(-1) : value;
}
