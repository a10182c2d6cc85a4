import { sql } from 'kysely';
import { dialectOf, type StaleMark } from '../dialect';
import type { MigrationDb } from './index';

/**
 * The Review queue kept in the project's database, so a page of it is one indexed query instead
 * of classifying every sample's answers in memory (a minute at 20,000 images, each time a
 * project opened). Each sample's entry is its item (when its labelers disagree: severity and the
 * item as JSON), the values it can be filtered by, and its share counts; their sums over every
 * sample are kept beside them. Triggers mark a sample
 * stale in the same transaction as any change to what its entry is made of (its submitted
 * answers, its tags, a tag's name), whoever writes it: the app, an import, a copy or another
 * server; the next read classifies the marked samples again before answering. The entries are
 * derived: copies and backups leave them out, and the copied answers mark every sample.
 */
export async function up(db: MigrationDb): Promise<void> {
  await db.schema
    .createTable('review_item')
    .addColumn('sample_id', 'integer', (c) => c.primaryKey().references('sample.id').onDelete('cascade'))
    // Double precision: a page's cursor carries the severity back, and must compare equal to it.
    .addColumn('severity', 'double precision', (c) => c.notNull())
    .addColumn('item_json', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('review_item_by_severity').on('review_item').columns(['severity desc', 'sample_id']).execute();
  await db.schema
    .createTable('review_facet')
    .addColumn('facet', 'text', (c) => c.notNull())
    .addColumn('value', 'text', (c) => c.notNull())
    .addColumn('sample_id', 'integer', (c) => c.notNull().references('sample.id').onDelete('cascade'))
    .addPrimaryKeyConstraint('review_facet_pk', ['facet', 'value', 'sample_id'])
    .execute();
  await db.schema.createIndex('review_facet_by_sample').on('review_facet').column('sample_id').execute();
  await db.schema
    .createTable('review_share')
    .addColumn('sample_id', 'integer', (c) => c.notNull().references('sample.id').onDelete('cascade'))
    .addColumn('dimension', 'text', (c) => c.notNull())
    .addColumn('share_key', 'text', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('count', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('review_share_pk', ['sample_id', 'dimension', 'share_key', 'type'])
    .execute();
  // The sums over every sample, kept with the entries: shares and facets are read without scanning them.
  await db.schema
    .createTable('review_share_total')
    .addColumn('dimension', 'text', (c) => c.notNull())
    .addColumn('share_key', 'text', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('count', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('review_share_total_pk', ['dimension', 'share_key', 'type'])
    .execute();
  await db.schema
    .createTable('review_facet_total')
    .addColumn('facet', 'text', (c) => c.notNull())
    .addColumn('value', 'text', (c) => c.notNull())
    .addColumn('count', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('review_facet_total_pk', ['facet', 'value'])
    .execute();
  // No foreign key: a deleted sample is marked by its annotations' deletion, and the refresh clears it.
  await db.schema
    .createTable('review_stale')
    .addColumn('sample_id', 'integer', (c) => c.primaryKey())
    .execute();

  const marks: StaleMark[] = [
    {
      name: 'review_stale_on_answer',
      table: 'annotation_revision',
      event: 'insert',
      when: "new.status = 'submitted'",
      samples: 'select sample_id from annotation where id = new.annotation_id',
    },
    {
      name: 'review_stale_on_answer_removed',
      table: 'annotation_revision',
      event: 'delete',
      when: "old.status = 'submitted'",
      samples: 'select sample_id from annotation where id = old.annotation_id',
    },
    { name: 'review_stale_on_annotation_removed', table: 'annotation', event: 'delete', samples: 'select old.sample_id' },
    { name: 'review_stale_on_tagged', table: 'sample_tag', event: 'insert', samples: 'select new.sample_id' },
    { name: 'review_stale_on_untagged', table: 'sample_tag', event: 'delete', samples: 'select old.sample_id' },
    {
      name: 'review_stale_on_tag_renamed',
      table: 'tag',
      event: 'update',
      when: 'old.name <> new.name',
      samples: 'select sample_id from sample_tag where tag_id = new.id',
    },
  ];
  for (const statement of marks.flatMap((mark) => dialectOf(db).markStale(mark))) await statement.execute(db);
  // A project from before this version: its queue is built on the first read.
  await sql`insert into review_stale (sample_id) select distinct sample_id from annotation`.execute(db);
}
