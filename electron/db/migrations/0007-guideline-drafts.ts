import { sql } from 'kysely';
import { dialectOf, type ChangeRefusal } from '../dialect';
import type { MigrationDb } from './index';

/**
 * Versioned guidelines: the one draft of the next version, examples attached to sections (of
 * the draft, or frozen with a published version), samples re-queued for relabeling under a
 * new version, and the version each labeler last read. Published versions become immutable.
 */
export async function up(db: MigrationDb): Promise<void> {
  await db.schema
    .createTable('guideline_draft')
    .addColumn('id', 'integer', (c) => c.primaryKey().check(sql`id = 1`))
    .addColumn('body_md', 'text', (c) => c.notNull())
    .addColumn('base_version', 'integer', (c) => c.notNull())
    .addColumn('addresses_json', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('revision', 'integer', (c) => c.notNull())
    .addColumn('updated_at', 'integer', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('guideline_example')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    // null while the example belongs to the draft.
    .addColumn('guideline_version_id', 'integer', (c) => c.references('guideline_version.id'))
    .addColumn('section', 'text', (c) => c.notNull())
    .addColumn('polarity', 'text', (c) => c.notNull().check(sql`polarity in ('do', 'dont')`))
    .addColumn('sample_id', 'integer', (c) => c.notNull().references('sample.id').onDelete('cascade'))
    .addColumn('caption', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('evidence_json', 'text', (c) => c.notNull())
    .addColumn('created_at', 'integer', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('guideline_example_by_version').on('guideline_example').column('guideline_version_id').execute();
  await db.schema
    .createTable('relabel_request')
    .addColumn('sample_id', 'integer', (c) => c.notNull().references('sample.id').onDelete('cascade'))
    .addColumn('labeler_id', 'integer', (c) => c.notNull().references('labeler.id').onDelete('cascade'))
    .addColumn('guideline_version_id', 'integer', (c) => c.notNull().references('guideline_version.id'))
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('requested_at', 'integer', (c) => c.notNull())
    .addColumn('done_at', 'integer')
    .addPrimaryKeyConstraint('relabel_request_pk', ['sample_id', 'labeler_id', 'guideline_version_id'])
    .execute();
  await db.schema
    .createTable('guideline_seen')
    .addColumn('labeler_id', 'integer', (c) => c.primaryKey().references('labeler.id').onDelete('cascade'))
    .addColumn('version', 'integer', (c) => c.notNull())
    .execute();
  // Every label records the version it was made under: what a version says must never change.
  const refusals: ChangeRefusal[] = [
    { name: 'guideline_version_immutable', table: 'guideline_version', event: 'update', message: 'published guideline versions are immutable' },
    { name: 'guideline_version_kept', table: 'guideline_version', event: 'delete', message: 'published guideline versions are immutable' },
    {
      name: 'guideline_example_kept',
      table: 'guideline_example',
      event: 'delete',
      when: 'old.guideline_version_id is not null',
      message: 'examples of a published guideline version are immutable',
    },
    {
      name: 'guideline_example_frozen',
      table: 'guideline_example',
      event: 'update',
      when: 'old.guideline_version_id is not null',
      message: 'examples of a published guideline version are immutable',
    },
  ];
  for (const statement of refusals.flatMap((rule) => dialectOf(db).refuseChanges(rule))) await statement.execute(db);
}
