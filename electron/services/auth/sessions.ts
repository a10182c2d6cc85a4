import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Labeler } from '../../../shared/domain/labeler';
import { getLabeler } from '../../db/queries/labelers';
import { deleteExpiredSessions, extendSession, findSessionByPublicId, findSessionWithAccount, insertSession, type SessionRow } from '../../db/queries/sessions';
import type { Database } from '../../db/schema';

/** A session ends after this long unused... */
export const SESSION_IDLE_MS = 12 * 60 * 60_000;
/** ...and after this long in any case. */
export const SESSION_MAX_MS = 7 * 24 * 60 * 60_000;
/** Using a session moves its end forward at most this often, so calls do not each write. */
const EXTEND_EVERY_MS = 10 * 60_000;

export interface LiveSession {
  account: Labeler;
  publicId: string;
  expiresAt: number;
}

/** Only the token's hash is stored: a copy of the database does not sign anyone in. */
const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

export async function startSession(db: Kysely<Database>, account: Labeler, now: number): Promise<LiveSession & { token: string }> {
  await deleteExpiredSessions(db, now);
  const token = randomBytes(32).toString('base64url');
  const row: SessionRow = { publicId: randomBytes(16).toString('hex'), labelerId: account.id, createdAt: now, expiresAt: now + SESSION_IDLE_MS };
  await insertSession(db, hashToken(token), row);
  return { token, account, publicId: row.publicId, expiresAt: row.expiresAt };
}

/** The live session a token opens, or null (unknown, expired, or its account disabled). */
export async function resumeSession(db: Kysely<Database>, token: string, now: number): Promise<LiveSession | null> {
  const found = await findSessionWithAccount(db, hashToken(token));
  return found ? live(db, found.session, now, found.account) : null;
}

/** Media and event requests carry `<public id>.<signature>` instead of the token. */
export function mediaTicket(secret: Buffer, publicId: string): string {
  return `${publicId}.${sign(secret, publicId)}`;
}

/**
 * The live session a media or event ticket belongs to, or null. `used` is false for a check the
 * person did not make (an open event stream asking whether it may stay open), which must not keep
 * an idle session alive.
 */
export async function sessionOfTicket(db: Kysely<Database>, secret: Buffer, ticket: string, now: number, used = true): Promise<LiveSession | null> {
  const [publicId, signature] = ticket.split('.');
  if (!publicId || !signature) return null;
  const expected = Buffer.from(sign(secret, publicId));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
  const row = await findSessionByPublicId(db, publicId);
  return row ? live(db, row, now, undefined, used) : null;
}

function sign(secret: Buffer, publicId: string): string {
  return createHmac('sha256', secret).update(publicId).digest('base64url');
}

/** The session if it is still live; its account is read here unless the caller read it with the session. Use moves its end forward. */
async function live(db: Kysely<Database>, row: SessionRow, now: number, accountRead?: Labeler | null, used = true): Promise<LiveSession | null> {
  if (row.expiresAt <= now || now - row.createdAt >= SESSION_MAX_MS) return null;
  const account = accountRead === undefined ? await getLabeler(db, row.labelerId) : accountRead;
  if (!account || account.disabled) return null;
  let expiresAt = row.expiresAt;
  const wanted = Math.min(now + SESSION_IDLE_MS, row.createdAt + SESSION_MAX_MS);
  if (used && wanted - expiresAt >= EXTEND_EVERY_MS) {
    await extendSession(db, row.publicId, wanted);
    expiresAt = wanted;
  }
  return { account, publicId: row.publicId, expiresAt };
}
