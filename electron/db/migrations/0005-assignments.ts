import { sql } from 'kysely';
import type { MigrationDb } from './index';

/**
 * Which labelers each sample goes to (overlap), and the settings the plan was made with,
 * so the plan can be remade the same way when labelers join or leave.
 */
export async function up(db: MigrationDb): Promise<void> {
  await db.schema
    .createTable('assignment')
    .addColumn('sample_id', 'integer', (c) => c.notNull().references('sample.id').onDelete('cascade'))
    .addColumn('labeler_id', 'integer', (c) => c.notNull().references('labeler.id').onDelete('cascade'))
    .addColumn('assigned_at', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('assignment_pk', ['sample_id', 'labeler_id'])
    .execute();
  await db.schema.createIndex('assignment_by_labeler').on('assignment').columns(['labeler_id', 'sample_id']).execute();
  await db.schema
    .createTable('assignment_plan')
    .addColumn('id', 'integer', (c) => c.primaryKey().check(sql`id = 1`))
    .addColumn('overlap', 'integer', (c) => c.notNull())
    .addColumn('calibration_json', 'text', (c) => c.notNull())
    .addColumn('seed', 'integer', (c) => c.notNull())
    .addColumn('planned_at', 'integer', (c) => c.notNull())
    .execute();
}
