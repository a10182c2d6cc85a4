import { dialectOf, type ChangeRefusal } from '../dialect';
import type { MigrationDb } from './index';

/**
 * Classes and tags change after a project is made: each can be retired (kept for old labels,
 * left out of new labeling), and every change is kept, append-only, with the guideline
 * version it belongs to. Columns are added, so schema 13's tables stay as they were.
 */
export async function up(db: MigrationDb): Promise<void> {
  await db.schema.alterTable('label_class').addColumn('retired_at', 'integer').execute();
  await db.schema.alterTable('tag').addColumn('retired_at', 'integer').execute();
  await db.schema
    .createTable('taxonomy_change')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('at', 'integer', (c) => c.notNull())
    .addColumn('actor_id', 'integer')
    .addColumn('actor_name', 'text', (c) => c.notNull())
    .addColumn('target', 'text', (c) => c.notNull())
    .addColumn('item_id', 'integer', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('before_json', 'text')
    .addColumn('after_json', 'text', (c) => c.notNull())
    .addColumn('guideline_version', 'integer', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('taxonomy_change_by_item').on('taxonomy_change').columns(['target', 'item_id']).execute();
  const refusals: ChangeRefusal[] = [
    { name: 'taxonomy_change_append_only_update', table: 'taxonomy_change', event: 'update', message: 'the history of classes and tags is append-only' },
    { name: 'taxonomy_change_append_only_delete', table: 'taxonomy_change', event: 'delete', message: 'the history of classes and tags is append-only' },
  ];
  for (const statement of refusals.flatMap((rule) => dialectOf(db).refuseChanges(rule))) await statement.execute(db);
}
