import { sql } from 'kysely';
import type { MigrationDb } from './index';

/** Who did what and when: decisions, publications, plans, datasets, exports, accounts. Append-only. */
export async function up(db: MigrationDb): Promise<void> {
  await db.schema
    .createTable('audit_log')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('at', 'integer', (c) => c.notNull())
    .addColumn('actor_id', 'integer')
    .addColumn('actor_name', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('details_json', 'text', (c) => c.notNull())
    .execute();
  await sql`create trigger audit_log_append_only_update before update on audit_log
    begin select raise(abort, 'the audit log is append-only'); end`.execute(db);
  await sql`create trigger audit_log_append_only_delete before delete on audit_log
    begin select raise(abort, 'the audit log is append-only'); end`.execute(db);
}
