import { sql } from 'kysely';
import type { MigrationDb } from './index';

/**
 * Labelers become accounts: a password (scrypt; none for demo people and, until they set
 * one, a project's owner), a disabled mark, and the owner: the admin the person at this
 * computer is signed in as. Sessions are kept in the database (by the hash of their token),
 * so they outlive a restart and can be ended from anywhere; failed sign-ins are counted per
 * account and per address. A project made before accounts gets an owner admin account.
 */
export async function up(db: MigrationDb): Promise<void> {
  await db.schema.alterTable('labeler').addColumn('password_hash', 'text').execute();
  await db.schema.alterTable('labeler').addColumn('disabled_at', 'integer').execute();
  await db.schema
    .alterTable('labeler')
    .addColumn('is_owner', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema
    .alterTable('project')
    .addColumn('is_demo', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await sql`create unique index labeler_one_owner on labeler (is_owner) where is_owner = 1`.execute(db);

  const names = new Set(((await db.selectFrom('labeler').select('name').execute()) as { name: string }[]).map((r) => r.name));
  let name = 'admin';
  for (let n = 2; names.has(name); n++) name = `admin ${n}`;
  await db.insertInto('labeler').values({ name, role: 'admin', created_at: Date.now(), is_owner: 1 }).execute();

  await db.schema
    .createTable('session')
    .addColumn('token_hash', 'text', (c) => c.primaryKey())
    // Names the session in media tickets, which must not reveal the token.
    .addColumn('public_id', 'text', (c) => c.notNull().unique())
    .addColumn('labeler_id', 'integer', (c) => c.notNull().references('labeler.id').onDelete('cascade'))
    .addColumn('created_at', 'integer', (c) => c.notNull())
    .addColumn('expires_at', 'integer', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('session_by_labeler').on('session').column('labeler_id').execute();

  await db.schema
    .createTable('sign_in_failure')
    // `account:<name>` or `address:<ip>`.
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('failures', 'integer', (c) => c.notNull())
    .addColumn('last_at', 'integer', (c) => c.notNull())
    .addColumn('locked_until', 'integer', (c) => c.notNull())
    .execute();
}
