import type { MigrationDb } from './index';

/**
 * Dataset versions: frozen sample sets with their final labels and splits, so any version can
 * be exported again, byte for byte, however the project changes afterwards.
 */
export async function up(db: MigrationDb): Promise<void> {
  await db.schema
    .createTable('dataset_version')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('version', 'integer', (c) => c.notNull().unique())
    .addColumn('summary_json', 'text', (c) => c.notNull())
    .addColumn('created_at', 'integer', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('dataset_item')
    .addColumn('dataset_version_id', 'integer', (c) => c.notNull().references('dataset_version.id').onDelete('cascade'))
    .addColumn('sample_id', 'integer', (c) => c.notNull())
    .addColumn('item_json', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('dataset_item_pk', ['dataset_version_id', 'sample_id'])
    .execute();
}
