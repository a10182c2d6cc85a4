import { sql } from 'kysely';
import type { MigrationDb } from './index';

/**
 * Each sample's agreement between its labelers (1 − its disagreement score at IoU 0.5, the Review
 * queue's severity) kept in the database beside the Review queue, so Samples sorted or filtered
 * by agreement is one indexed query instead of scoring every sample in the agreement worker (16–40 s
 * at 20,000 images). Samples fewer than two labelers submitted have no row. The scores are written
 * by the same refresh as the kept queue, from the same stale marks (migration 23's triggers).
 */
export async function up(db: MigrationDb): Promise<void> {
  await db.schema
    .createTable('sample_agreement')
    .addColumn('sample_id', 'integer', (c) => c.primaryKey().references('sample.id').onDelete('cascade'))
    // Double precision: a bound like "below 0.5" must compare the very score the dashboard shows.
    .addColumn('agreement', 'double precision', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('sample_agreement_by_value').on('sample_agreement').columns(['agreement', 'sample_id']).execute();
  // A queued sample's severity is its disagreement score, scored as agreement scores it: no need to score it again.
  await sql`
    insert into sample_agreement (sample_id, agreement)
    select sample_id, 1 - severity from review_item
    where sample_id not in (select sample_id from review_stale)`.execute(db);
  // Every other sample with answers (in full agreement, or not yet compared) is scored on the next read.
  await sql`
    insert into review_stale (sample_id)
    select distinct sample_id from annotation
    where sample_id not in (select sample_id from review_item)
      and sample_id not in (select sample_id from review_stale)`.execute(db);
}
