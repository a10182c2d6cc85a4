import type { ExpressionBuilder, Kysely } from 'kysely';
import type { Database } from '../schema';

/**
 * Every name a tag has had before a rename, with the tag it still means: labels keep the names
 * their labeler gave (payload v1), and filters and links name tags too, so an old name is
 * resolved to the tag rather than read as a stranger.
 */
export async function formerTagNames(db: Kysely<Database>): Promise<Array<{ name: string; tagId: number }>> {
  const rows = await db.selectFrom('tag_former_name').select(['name', 'tag_id']).orderBy('renamed_at').orderBy('name').execute();
  return rows.map((row) => ({ name: row.name, tagId: row.tag_id }));
}

/**
 * Keeps `formerName` as a name of the tag, and frees `newName` if the tag had it before (a tag
 * renamed back), so a name is either a tag's current name or a former one, never both.
 */
export async function recordTagRename(
  db: Kysely<Database>,
  rename: { tagId: number; formerName: string; newName: string; at: number; guidelineVersion: number },
): Promise<void> {
  await db.deleteFrom('tag_former_name').where('tag_id', '=', rename.tagId).where('name', '=', rename.newName).execute();
  await db
    .insertInto('tag_former_name')
    .values({ name: rename.formerName, tag_id: rename.tagId, renamed_at: rename.at, guideline_version: rename.guidelineVersion })
    .execute();
}

/**
 * The ids of the tags a name means: the tag that has it now, or the one that had it before a
 * rename. A subquery, for `where tag_id in (…)`.
 */
export function tagIdsNamed(eb: ExpressionBuilder<Database, keyof Database>, name: string) {
  return eb
    .selectFrom('tag')
    .select('tag.id as id')
    .where('tag.name', '=', name)
    .union(eb.selectFrom('tag_former_name').select('tag_former_name.tag_id as id').where('tag_former_name.name', '=', name));
}

/** The id of the tag a name means now (its current or a former name), or null when no tag has had it. */
export async function tagIdByAnyName(db: Kysely<Database>, name: string): Promise<number | null> {
  const row = await db
    .selectFrom('tag')
    .select('id')
    .where('tag.id', 'in', (eb) => tagIdsNamed(eb, name))
    .executeTakeFirst();
  return row?.id ?? null;
}
