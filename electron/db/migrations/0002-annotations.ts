import type { MigrationDb } from './index';

/** Annotations (one per sample and labeler) and every revision each one went through. */
export async function up(db: MigrationDb): Promise<void> {
  await db.schema
    .createTable('annotation')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('sample_id', 'integer', (c) => c.notNull().references('sample.id').onDelete('restrict'))
    .addColumn('labeler_id', 'integer', (c) => c.notNull().references('labeler.id').onDelete('restrict'))
    .addColumn('guideline_version_id', 'integer', (c) => c.notNull().references('guideline_version.id'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('payload_json', 'text', (c) => c.notNull())
    .addColumn('revision', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'integer', (c) => c.notNull())
    .addColumn('updated_at', 'integer', (c) => c.notNull())
    .addColumn('submitted_at', 'integer')
    .addUniqueConstraint('annotation_sample_labeler', ['sample_id', 'labeler_id'])
    .execute();
  await db.schema.createIndex('annotation_by_labeler').on('annotation').columns(['labeler_id', 'status']).execute();

  await db.schema
    .createTable('annotation_revision')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('annotation_id', 'integer', (c) => c.notNull().references('annotation.id').onDelete('cascade'))
    .addColumn('revision', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('guideline_version_id', 'integer', (c) => c.notNull().references('guideline_version.id'))
    .addColumn('payload_json', 'text', (c) => c.notNull())
    .addColumn('saved_at', 'integer', (c) => c.notNull())
    .addUniqueConstraint('annotation_revision_unique', ['annotation_id', 'revision'])
    .execute();
}
