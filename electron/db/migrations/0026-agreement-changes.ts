import { randomUUID } from 'node:crypto';
import { dialectOf, type AgreementChangeRule } from '../dialect';
import type { MigrationDb } from './index';

/** The triggers that record changes (the label-import benchmark measures their cost by removing them). */
export const AGREEMENT_CHANGE_RULES: readonly AgreementChangeRule[] = [
  {
    name: 'agreement_change_on_answer',
    table: 'annotation_revision',
    event: 'insert',
    when: "new.status = 'submitted'",
    samples: 'select sample_id from annotation where id = new.annotation_id',
  },
  {
    name: 'agreement_change_on_answer_removed',
    table: 'annotation_revision',
    event: 'delete',
    when: "old.status = 'submitted'",
    samples: 'select sample_id from annotation where id = old.annotation_id',
  },
  { name: 'agreement_change_on_annotation_removed', table: 'annotation', event: 'delete', samples: 'select old.sample_id as sample_id' },
  { name: 'agreement_change_on_tagged', table: 'sample_tag', event: 'insert', samples: 'select new.sample_id as sample_id' },
  { name: 'agreement_change_on_untagged', table: 'sample_tag', event: 'delete', samples: 'select old.sample_id as sample_id' },
  { name: 'agreement_change_on_tag_renamed', table: 'tag', event: 'update', when: 'old.name <> new.name', samples: null },
  { name: 'agreement_change_on_former_name', table: 'tag_former_name', event: 'insert', samples: null },
  { name: 'agreement_change_on_former_name_removed', table: 'tag_former_name', event: 'delete', samples: null },
];

/**
 * Which samples' agreement inputs changed, recorded by the database itself, so the agreement
 * ledger kept in the project's cache between sessions knows what changed since it was kept with
 * one indexed query, instead of a stamp of every sample's answers and tags compared one by one
 * (a second at 100,000 images, on each first dashboard request). Triggers give each sample a
 * change number in the same transaction as any change to its submitted answers or tags, whoever
 * writes it (the app, the CLI, an import, another server); a tag renamed changes how every
 * answer's tags read, so it sets `reset_change`. The ledger's file keeps where the changes stood
 * when it was read (see `changePosition`) and the clock's `epoch`: a database made anew (a copy
 * has its own clock: these tables are not copied) never matches a file kept for another.
 */
export async function up(db: MigrationDb): Promise<void> {
  await db.schema
    .createTable('agreement_clock')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('epoch', 'text', (c) => c.notNull())
    // SQLite's count of changes; unused by PostgreSQL, whose changes are numbered by their transaction.
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('reset_change', 'integer', (c) => c.notNull())
    .execute();
  await db.insertInto('agreement_clock').values({ id: 1, epoch: randomUUID(), seq: 0, reset_change: 0 }).execute();
  // No foreign key: a sample removed is recorded by its annotations' removal, and so must stay.
  await db.schema
    .createTable('agreement_change')
    .addColumn('sample_id', 'integer', (c) => c.primaryKey())
    .addColumn('change_id', 'integer', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('agreement_change_by_change').on('agreement_change').column('change_id').execute();

  for (const statement of AGREEMENT_CHANGE_RULES.flatMap((rule) => dialectOf(db).recordAgreementChange(rule))) await statement.execute(db);
}
