import type { Kysely } from 'kysely';
import type { Database } from '../schema';

/** The key that signs this database's media tickets; null only in a database damaged by hand. */
export async function mediaTicketKey(db: Kysely<Database>): Promise<Buffer | null> {
  const row = await db.selectFrom('signing_key').select('key').where('name', '=', 'media-ticket').executeTakeFirst();
  return row && /^[0-9a-f]{64}$/.test(row.key) ? Buffer.from(row.key, 'hex') : null;
}
