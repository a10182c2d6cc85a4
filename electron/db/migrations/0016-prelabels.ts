import { sql } from 'kysely';
import type { MigrationDb } from './index';

/**
 * Pre-labels: a model's predictions kept per source and sample (as labels a labeler can start
 * from), the plan that offers one source with a share of assignments kept blind, and on each
 * annotation the arm its assignment was in when it was first saved and the prediction it
 * started from. Columns are added, so schema 15's tables stay as they were.
 */
export async function up(db: MigrationDb): Promise<void> {
  await db.schema
    .createTable('prediction')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('sample_id', 'integer', (c) => c.notNull().references('sample.id').onDelete('cascade'))
    .addColumn('payload_json', 'text', (c) => c.notNull())
    .addColumn('imported_at', 'integer', (c) => c.notNull())
    .addUniqueConstraint('prediction_source_sample', ['source', 'sample_id'])
    .execute();
  await db.schema
    .createTable('prelabel_plan')
    .addColumn('id', 'integer', (c) => c.primaryKey().check(sql`id = 1`))
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('blind_share', 'double precision', (c) => c.notNull())
    .addColumn('seed', 'integer', (c) => c.notNull())
    .addColumn('set_at', 'integer', (c) => c.notNull())
    .execute();
  await db.schema.alterTable('annotation').addColumn('prelabel_arm', 'text').execute();
  await db.schema.alterTable('annotation').addColumn('prediction_id', 'integer').execute();
}
