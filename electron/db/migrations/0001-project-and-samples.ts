import { sql } from 'kysely';
import type { MigrationDb } from './index';

/** The project, its taxonomy, labelers, the first guideline version and imported samples. */
export async function up(db: MigrationDb): Promise<void> {
  await db.schema
    .createTable('project')
    // A project database holds exactly one project.
    .addColumn('id', 'integer', (c) => c.primaryKey().check(sql`id = 1`))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('created_at', 'integer', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('label_class')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('name', 'text', (c) => c.notNull().unique())
    .addColumn('color', 'text', (c) => c.notNull())
    .addColumn('hotkey', 'text', (c) => c.unique())
    .addColumn('position', 'integer', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('tag')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('name', 'text', (c) => c.notNull().unique())
    .addColumn('hotkey', 'text', (c) => c.unique())
    .addColumn('position', 'integer', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('labeler')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('name', 'text', (c) => c.notNull().unique())
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('created_at', 'integer', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('guideline_version')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('version', 'integer', (c) => c.notNull().unique())
    .addColumn('body_md', 'text', (c) => c.notNull())
    .addColumn('changelog', 'text', (c) => c.notNull())
    .addColumn('published_at', 'integer', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('sample')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('display_name', 'text', (c) => c.notNull())
    .addColumn('media_path', 'text', (c) => c.notNull())
    .addColumn('media_copied', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('media_kind', 'text', (c) => c.notNull())
    .addColumn('mime_type', 'text', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull().unique())
    .addColumn('byte_size', 'integer', (c) => c.notNull())
    .addColumn('width', 'integer')
    .addColumn('height', 'integer')
    .addColumn('duration_ms', 'integer')
    .addColumn('sample_rate', 'integer')
    .addColumn('channels', 'integer')
    .addColumn('metadata_json', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('imported_at', 'integer', (c) => c.notNull())
    .addColumn('import_job_id', 'text')
    .execute();
  await db.schema.createIndex('sample_display_name').on('sample').column('display_name').execute();

  await db.schema
    .createTable('sample_tag')
    .addColumn('sample_id', 'integer', (c) => c.notNull().references('sample.id').onDelete('cascade'))
    .addColumn('tag_id', 'integer', (c) => c.notNull().references('tag.id').onDelete('cascade'))
    .addPrimaryKeyConstraint('sample_tag_pk', ['sample_id', 'tag_id'])
    .execute();
  await db.schema.createIndex('sample_tag_by_tag').on('sample_tag').columns(['tag_id', 'sample_id']).execute();
}
