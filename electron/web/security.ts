import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

export { CONTENT_SECURITY_POLICY } from '../security/content-security-policy';

export const SESSION_COOKIE = 'concord_session';

export function sameToken(given: string | undefined | null, token: string): boolean {
  if (!given || given.length !== token.length) return false;
  return timingSafeEqual(Buffer.from(given), Buffer.from(token));
}

export function cookieToken(request: IncomingMessage): string | undefined {
  const header = request.headers.cookie ?? '';
  for (const part of header.split(';')) {
    const [name, ...value] = part.trim().split('=');
    if (name === SESSION_COOKIE) return value.join('=');
  }
  return undefined;
}

/** A caller proves itself with the session cookie (the browser) or a bearer token (scripts). */
export function isAuthenticated(request: IncomingMessage, token: string): boolean {
  const bearer = request.headers.authorization?.match(/^Bearer (.+)$/)?.[1];
  return sameToken(cookieToken(request), token) || sameToken(bearer, token);
}

/**
 * Refuses requests addressed to another host name (DNS rebinding) and state-changing
 * requests from another origin (cross-site request forgery).
 */
export function isSameOrigin(request: IncomingMessage, port: number): boolean {
  const allowedHosts = [`127.0.0.1:${port}`, `localhost:${port}`];
  if (!allowedHosts.includes(request.headers.host ?? '')) return false;
  const origin = request.headers.origin;
  return origin === undefined || allowedHosts.some((host) => origin === `http://${host}`);
}
