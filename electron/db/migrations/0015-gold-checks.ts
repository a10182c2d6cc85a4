import { sql } from 'kysely';
import type { MigrationDb } from './index';

/**
 * Labeler quality: decided samples an SME marks as gold checks (some of them a qualification
 * set), the project's check settings, which checks each labeler was served (and why), and each
 * labeler's qualification attempts. Rates and thresholds are stored in basis points (1 % = 100)
 * so both engines keep them exactly.
 */
export async function up(db: MigrationDb): Promise<void> {
  await db.schema
    .createTable('gold_check')
    .addColumn('sample_id', 'integer', (c) => c.primaryKey().references('sample.id').onDelete('cascade'))
    .addColumn('qualification', 'integer', (c) =>
      c
        .notNull()
        .defaultTo(0)
        .check(sql`qualification in (0, 1)`),
    )
    .addColumn('marked_by', 'integer', (c) => c.references('labeler.id'))
    .addColumn('marked_at', 'integer', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('gold_check_settings')
    .addColumn('id', 'integer', (c) => c.primaryKey().check(sql`id = 1`))
    .addColumn('rate_bp', 'integer', (c) => c.notNull().check(sql`rate_bp between 0 and 5000`))
    .addColumn('feedback', 'integer', (c) => c.notNull().check(sql`feedback in (0, 1)`))
    .addColumn('qualification_threshold_bp', 'integer', (c) => c.check(sql`qualification_threshold_bp between 0 and 10000`))
    .addColumn('requalify_on_new_version', 'integer', (c) => c.notNull().check(sql`requalify_on_new_version in (0, 1)`))
    .addColumn('qualification_since', 'integer')
    .addColumn('qualification_since_version', 'integer')
    .execute();
  await db.schema
    .createTable('gold_check_served')
    .addColumn('sample_id', 'integer', (c) => c.notNull().references('sample.id').onDelete('cascade'))
    .addColumn('labeler_id', 'integer', (c) => c.notNull().references('labeler.id').onDelete('cascade'))
    .addColumn('purpose', 'text', (c) => c.notNull().check(sql`purpose in ('check', 'qualification')`))
    .addColumn('served_at', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('gold_check_served_pk', ['sample_id', 'labeler_id'])
    .execute();
  await db.schema.createIndex('gold_check_served_by_labeler').on('gold_check_served').columns(['labeler_id', 'sample_id']).execute();
  await db.schema
    .createTable('qualification_attempt')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('labeler_id', 'integer', (c) => c.notNull().references('labeler.id').onDelete('cascade'))
    .addColumn('guideline_version', 'integer', (c) => c.notNull())
    .addColumn('sample_ids_json', 'text', (c) => c.notNull())
    .addColumn('started_at', 'integer', (c) => c.notNull())
    .addColumn('finished_at', 'integer')
    .addColumn('score_bp', 'integer')
    .addColumn('passed', 'integer', (c) => c.check(sql`passed in (0, 1)`))
    .execute();
  await db.schema.createIndex('qualification_attempt_by_labeler').on('qualification_attempt').columns(['labeler_id', 'id']).execute();
}
