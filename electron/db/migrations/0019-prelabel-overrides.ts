import { sql } from 'kysely';
import type { MigrationDb } from './index';

/**
 * Per-assignment pre-label choices: an SME may offer pre-labels on one assignment (a sample for
 * a labeler) whatever the plan's blind split says, or keep it blind. No row: the plan decides.
 */
export async function up(db: MigrationDb): Promise<void> {
  await db.schema
    .createTable('prelabel_override')
    .addColumn('sample_id', 'integer', (c) => c.notNull().references('sample.id').onDelete('cascade'))
    .addColumn('labeler_id', 'integer', (c) => c.notNull().references('labeler.id'))
    .addColumn('offer', 'integer', (c) => c.notNull().check(sql`offer IN (0, 1)`))
    .addColumn('set_at', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('prelabel_override_pk', ['sample_id', 'labeler_id'])
    .execute();
}
