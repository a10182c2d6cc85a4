import { dialectOf, type ChangeRefusal } from '../dialect';
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
  const refusals: ChangeRefusal[] = [
    { name: 'audit_log_append_only_update', table: 'audit_log', event: 'update', message: 'the audit log is append-only' },
    { name: 'audit_log_append_only_delete', table: 'audit_log', event: 'delete', message: 'the audit log is append-only' },
  ];
  for (const statement of refusals.flatMap((rule) => dialectOf(db).refuseChanges(rule))) await statement.execute(db);
}
