import type { Kysely } from 'kysely';
import type { Database } from '../schema';

/** A waiting download: which version, in which format, for whom, until when. */
export interface WaitingDownload {
  tokenHash: string;
  version: number;
  format: string;
  accountId: number;
  expiresAt: number;
}

/** Keeps a prepared download, and forgets those whose time ran out (nobody may fetch them any more). */
export async function keepDownload(db: Kysely<Database>, download: WaitingDownload, now: number): Promise<void> {
  await db.deleteFrom('dataset_download').where('expires_at', '<=', now).execute();
  await db
    .insertInto('dataset_download')
    .values({
      token_hash: download.tokenHash,
      version: download.version,
      format: download.format,
      account_id: download.accountId,
      expires_at: download.expiresAt,
    })
    .execute();
}

/**
 * Takes the download behind a token off the shelf for its own account, in one conditional
 * delete: of two fetches at once, on one server process or two, only one gets it. Null for an
 * unknown or expired token or another account's.
 */
export async function takeDownload(
  db: Kysely<Database>,
  tokenHash: string,
  accountId: number,
  now: number,
): Promise<{ version: number; format: string } | null> {
  const taken = await db
    .deleteFrom('dataset_download')
    .where('token_hash', '=', tokenHash)
    .where('account_id', '=', accountId)
    .where('expires_at', '>', now)
    .returning(['version', 'format'])
    .executeTakeFirst();
  return taken ?? null;
}
