import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Labeler } from '../../../shared/domain/labeler';
import { getLabeler } from '../../db/queries/labelers';
import {
  deleteExpiredSessions,
  deleteSession,
  extendSession,
  findSessionByPublicId,
  findSessionWithAccount,
  insertSession,
  type SessionRow,
} from '../../db/queries/sessions';
import type { Database } from '../../db/schema';
import { inTransaction } from '../../db/transaction';

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

/**
 * The sessions of one open project. While its integrity check runs (a copied project's first
 * open, or the first after a crash) every write waits for the check, but signing in must not:
 * a session started meanwhile is held here, found by its token and ticket like a stored one,
 * and its row is written as soon as the check passes (the write is queued at once, so it lands
 * before any later write, an account change's, that concerns it; a session ended meanwhile is
 * not written). If the check fails the project closes, and its held sessions with it.
 */
export class ProjectSessions {
  /** Sessions started during the check whose rows are not written yet, by token hash. */
  private readonly held = new Map<string, SessionRow>();
  private checking: boolean;

  /** `checked`: the running integrity check writes wait for, or null when writes go on at once. */
  constructor(
    private readonly db: Kysely<Database>,
    checked: Promise<void> | null,
  ) {
    this.checking = checked !== null;
    checked?.then(
      () => (this.checking = false),
      () => undefined,
    );
  }

  async start(account: Labeler, now: number): Promise<LiveSession & { token: string }> {
    const token = randomBytes(32).toString('base64url');
    const row: SessionRow = { publicId: randomBytes(16).toString('hex'), labelerId: account.id, createdAt: now, expiresAt: now + SESSION_IDLE_MS };
    if (this.checking) this.hold(hashToken(token), row);
    else {
      await deleteExpiredSessions(this.db, now);
      await insertSession(this.db, hashToken(token), row);
    }
    return { token, account, publicId: row.publicId, expiresAt: row.expiresAt };
  }

  /** The live session a token opens, or null (unknown, expired, or its account disabled). */
  async resume(token: string, now: number): Promise<LiveSession | null> {
    const tokenHash = hashToken(token);
    const found = await findSessionWithAccount(this.db, tokenHash);
    if (found) return this.live(found.session, now, found.account);
    const held = this.held.get(tokenHash);
    return held ? this.live(held, now) : null;
  }

  /**
   * The live session a media or event ticket (`<public id>.<signature>`) belongs to, or null.
   * `used` is false for a check the person did not make (an open event stream asking whether it
   * may stay open), which must not keep an idle session alive.
   */
  async ofTicket(secret: Buffer, ticket: string, now: number, used = true): Promise<LiveSession | null> {
    const [publicId, signature] = ticket.split('.');
    if (!publicId || !signature) return null;
    const expected = Buffer.from(sign(secret, publicId));
    const given = Buffer.from(signature);
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
    const row = (await findSessionByPublicId(this.db, publicId)) ?? this.heldByPublicId(publicId);
    return row ? this.live(row, now, undefined, used) : null;
  }

  /** Ends a session at once; its row is deleted when writes are allowed (at once but during the check). */
  async end(publicId: string): Promise<void> {
    for (const [tokenHash, row] of this.held) if (row.publicId === publicId) this.held.delete(tokenHash);
    await deleteSession(this.db, publicId);
  }

  private hold(tokenHash: string, row: SessionRow): void {
    this.held.set(tokenHash, row);
    // Queued now, so it keeps its place among the writes waiting for the check; a session ended
    // meanwhile is not written at all.
    inTransaction(this.db, async (trx) => {
      if (this.held.has(tokenHash)) await insertSession(trx, tokenHash, row);
    }).then(
      () => this.held.delete(tokenHash),
      (error: unknown) => {
        // A failed check closes the project with its sessions; any other failure signs the person out.
        this.held.delete(tokenHash);
        if (this.checking) return;
        console.warn(`[sessions] a session started during the integrity check could not be kept: ${String(error)}`);
      },
    );
  }

  private heldByPublicId(publicId: string): SessionRow | null {
    for (const row of this.held.values()) if (row.publicId === publicId) return row;
    return null;
  }

  /**
   * The session if it is still live; its account is read here unless the caller read it with
   * the session. Use moves its end forward, but not during the check, which would make the call
   * wait for it: the session stays live until its stored end, and the first use after the check
   * moves it.
   */
  private async live(row: SessionRow, now: number, accountRead?: Labeler | null, used = true): Promise<LiveSession | null> {
    if (row.expiresAt <= now || now - row.createdAt >= SESSION_MAX_MS) return null;
    const account = accountRead === undefined ? await getLabeler(this.db, row.labelerId) : accountRead;
    if (!account || account.disabled) return null;
    let expiresAt = row.expiresAt;
    const wanted = Math.min(now + SESSION_IDLE_MS, row.createdAt + SESSION_MAX_MS);
    if (used && !this.checking && wanted - expiresAt >= EXTEND_EVERY_MS) {
      await extendSession(this.db, row.publicId, wanted);
      expiresAt = wanted;
    }
    return { account, publicId: row.publicId, expiresAt };
  }
}

/** Media and event requests carry `<public id>.<signature>` instead of the token. */
export function mediaTicket(secret: Buffer, publicId: string): string {
  return `${publicId}.${sign(secret, publicId)}`;
}

function sign(secret: Buffer, publicId: string): string {
  return createHmac('sha256', secret).update(publicId).digest('base64url');
}
