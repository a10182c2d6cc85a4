import { randomBytes } from 'node:crypto';
import type { MigrationDb } from './index';

/**
 * The key that signs media tickets (the part of a session a browser puts in media and event
 * addresses, which carry no header). It lives in the project's database, not in a server
 * process, so a ticket issued by one of a team's server processes holds on the others behind
 * the same address. Each database makes its own, and a project copied elsewhere keeps none.
 */
export async function up(db: MigrationDb): Promise<void> {
  await db.schema
    .createTable('signing_key')
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('key', 'text', (c) => c.notNull())
    .execute();
  await db
    .insertInto('signing_key')
    .values({ name: 'media-ticket', key: randomBytes(32).toString('hex') })
    .execute();
}
