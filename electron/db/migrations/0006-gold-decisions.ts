import { sql } from 'kysely';
import type { MigrationDb } from './index';

/**
 * Adjudication: each decision on a sample's final label is a new row (revision 1, 2, …), so
 * the gold label keeps its provenance and a decision can be revised without losing the last.
 * An SME editing a gold label in the editor autosaves to the sample's one draft until deciding.
 */
export async function up(db: MigrationDb): Promise<void> {
  await db.schema
    .createTable('gold_decision')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('sample_id', 'integer', (c) => c.notNull().references('sample.id').onDelete('cascade'))
    .addColumn('revision', 'integer', (c) => c.notNull())
    .addColumn('choice', 'text', (c) => c.notNull().check(sql`choice in ('labeler', 'consensus', 'edited', 'auto_consensus')`))
    .addColumn('source_labeler_id', 'integer', (c) => c.references('labeler.id'))
    .addColumn('payload_json', 'text', (c) => c.notNull())
    .addColumn('decided_by', 'integer', (c) => c.references('labeler.id'))
    .addColumn('decided_at', 'integer', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('guideline_rule', 'text')
    .addColumn('guideline_version_id', 'integer', (c) => c.notNull().references('guideline_version.id'))
    .addUniqueConstraint('gold_decision_revision', ['sample_id', 'revision'])
    .execute();
  await db.schema
    .createTable('gold_draft')
    .addColumn('sample_id', 'integer', (c) => c.primaryKey().references('sample.id').onDelete('cascade'))
    .addColumn('payload_json', 'text', (c) => c.notNull())
    .addColumn('revision', 'integer', (c) => c.notNull())
    .addColumn('saved_by', 'integer', (c) => c.references('labeler.id'))
    .addColumn('saved_at', 'integer', (c) => c.notNull())
    .execute();
}
