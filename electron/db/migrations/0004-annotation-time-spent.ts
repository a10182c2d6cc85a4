import type { MigrationDb } from './index';

/** Time a labeler has spent on each annotation, summed over every visit to the sample. */
export async function up(db: MigrationDb): Promise<void> {
  await db.schema
    .alterTable('annotation')
    .addColumn('time_spent_ms', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
}
