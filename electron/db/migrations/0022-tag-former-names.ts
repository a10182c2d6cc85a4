import type { MigrationDb } from './index';

/**
 * Tags can be renamed. Samples keep tags by id, but each label's payload keeps the names of the
 * tags its labeler gave (payload v1), and filters, links and scripts name tags too; so every
 * name a tag has left behind is kept here, pointing at the tag, and readers resolve it to the
 * tag's current name. A former name stays reserved for its tag, so one name never means two tags.
 */
export async function up(db: MigrationDb): Promise<void> {
  await db.schema
    .createTable('tag_former_name')
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('tag_id', 'integer', (c) => c.notNull().references('tag.id').onDelete('cascade'))
    .addColumn('renamed_at', 'integer', (c) => c.notNull())
    .addColumn('guideline_version', 'integer', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('tag_former_name_by_tag').on('tag_former_name').columns(['tag_id']).execute();
}
