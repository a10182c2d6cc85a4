import { sql } from 'kysely';
import type { MigrationDb } from './index';

/**
 * Comments on a sample: threads that labelers and SMEs write in (mostly questions about the
 * guideline). A comment with no `thread_id` opens a thread and carries whether it is a
 * question and when it was resolved; replies point at it. The author's role when writing is
 * kept, because what a labeler may read of a thread depends on who wrote each comment.
 * `thread_id` has no foreign key: a table pointing at itself would stop a project's copy to a
 * team server, which inserts tables in the order of their references (a reply goes with its
 * sample, as its thread does).
 */
export async function up(db: MigrationDb): Promise<void> {
  await db.schema
    .createTable('sample_comment')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('sample_id', 'integer', (c) => c.notNull().references('sample.id').onDelete('cascade'))
    .addColumn('thread_id', 'integer')
    .addColumn('author_id', 'integer', (c) => c.notNull().references('labeler.id'))
    .addColumn('author_role', 'text', (c) => c.notNull().check(sql`author_role in ('labeler', 'sme', 'engineer', 'admin')`))
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('question', 'integer', (c) =>
      c
        .notNull()
        .defaultTo(0)
        .check(sql`question in (0, 1)`),
    )
    .addColumn('created_at', 'integer', (c) => c.notNull())
    .addColumn('resolved_at', 'integer')
    .addColumn('resolved_by', 'integer', (c) => c.references('labeler.id'))
    .execute();
  await db.schema.createIndex('sample_comment_by_sample').on('sample_comment').columns(['sample_id', 'id']).execute();
  await db.schema.createIndex('sample_comment_open_questions').on('sample_comment').columns(['question', 'resolved_at']).execute();
}
