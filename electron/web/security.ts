import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

export { CONTENT_SECURITY_POLICY } from '../security/content-security-policy';

export { OWNER_KEY_HEADER, OWNER_KEY_PARAM } from '../../shared/api/http-credentials';

export function sameToken(given: string | undefined | null, token: string): boolean {
  if (!given || given.length !== token.length) return false;
  return timingSafeEqual(Buffer.from(given), Buffer.from(token));
}

/** A session's bearer token from the Authorization header. */
export function bearerToken(request: IncomingMessage): string | null {
  return request.headers.authorization?.match(/^Bearer ([A-Za-z0-9_-]{1,200})$/)?.[1] ?? null;
}
