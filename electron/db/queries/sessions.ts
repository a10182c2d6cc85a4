import type BetterSqlite3 from 'better-sqlite3';
import type { Kysely } from 'kysely';
import type { Labeler } from '../../../shared/domain/labeler';
import type { Database } from '../schema';
import { toLabeler } from './labelers';

export interface SessionRow {
  publicId: string;
  labelerId: number;
  createdAt: number;
  expiresAt: number;
}

export async function insertSession(db: Kysely<Database>, tokenHash: string, session: SessionRow): Promise<void> {
  await db
    .insertInto('session')
    .values({ token_hash: tokenHash, public_id: session.publicId, labeler_id: session.labelerId, created_at: session.createdAt, expires_at: session.expiresAt })
    .execute();
}

const columns = ['public_id as publicId', 'labeler_id as labelerId', 'created_at as createdAt', 'expires_at as expiresAt'] as const;

/**
 * The session of a token with its account, in one query: every call of a signed-in person
 * reads this, so the two rows come in one round trip rather than two.
 */
export async function findSessionWithAccount(db: Kysely<Database>, tokenHash: string): Promise<{ session: SessionRow; account: Labeler } | null> {
  const row = await db
    .selectFrom('session')
    .innerJoin('labeler', 'labeler.id', 'session.labeler_id')
    .selectAll('labeler')
    .select(['session.public_id as publicId', 'session.labeler_id as labelerId', 'session.created_at as createdAt', 'session.expires_at as expiresAt'])
    .where('session.token_hash', '=', tokenHash)
    .executeTakeFirst();
  if (!row) return null;
  const { publicId, labelerId, createdAt, expiresAt, ...account } = row;
  return { session: { publicId, labelerId, createdAt, expiresAt }, account: toLabeler(account) };
}

export async function findSessionByPublicId(db: Kysely<Database>, publicId: string): Promise<SessionRow | null> {
  return (await db.selectFrom('session').select(columns).where('public_id', '=', publicId).executeTakeFirst()) ?? null;
}

/** Slides a session's expiry forward while it is used. */
export async function extendSession(db: Kysely<Database>, publicId: string, expiresAt: number): Promise<void> {
  await db.updateTable('session').set({ expires_at: expiresAt }).where('public_id', '=', publicId).execute();
}

export async function deleteSession(db: Kysely<Database>, publicId: string): Promise<void> {
  await db.deleteFrom('session').where('public_id', '=', publicId).execute();
}

/** Ends every session of an account (disabled, new role, new password), but for the one named in `except`. */
export async function deleteSessionsOf(db: Kysely<Database>, labelerId: number, except: string | null = null): Promise<void> {
  await db
    .deleteFrom('session')
    .where('labeler_id', '=', labelerId)
    .$if(except !== null, (q) => q.where('public_id', '!=', except!))
    .execute();
}

export async function deleteExpiredSessions(db: Kysely<Database>, now: number): Promise<void> {
  await db.deleteFrom('session').where('expires_at', '<=', now).execute();
}

/**
 * A project opened read-only cannot write its sessions or sign-in failures: they are kept
 * in temporary tables of the same names, which SQLite reads before the file's own, for as
 * long as this connection is open.
 */
export function keepSessionsInMemory(sqlite: BetterSqlite3.Database): void {
  sqlite.exec(`
    create temp table session (token_hash text primary key, public_id text not null unique, labeler_id integer not null, created_at integer not null, expires_at integer not null);
    create temp table sign_in_failure (key text primary key, failures integer not null, last_at integer not null, locked_until integer not null);
  `);
}
