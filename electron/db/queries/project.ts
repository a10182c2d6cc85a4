import type { Kysely } from 'kysely';
import type { LabelClass, ProjectKind, Tag } from '../../../shared/domain/project';
import { dialectOf } from '../dialect';
import { currentTagNames } from '../../../shared/domain/taxonomy';
import { formerTagNames } from './tag-names';
import type { Database } from '../schema';

export interface ProjectRecord {
  name: string;
  kind: ProjectKind;
  createdAt: number;
}

export async function insertProject(db: Kysely<Database>, project: ProjectRecord): Promise<void> {
  await db.insertInto('project').values({ id: 1, name: project.name, kind: project.kind, created_at: project.createdAt }).execute();
}

export async function getProject(db: Kysely<Database>): Promise<(ProjectRecord & { demo: boolean }) | null> {
  const row = await db.selectFrom('project').selectAll().where('id', '=', 1).executeTakeFirst();
  return row ? { name: row.name, kind: row.kind, createdAt: row.created_at, demo: row.is_demo === 1 } : null;
}

/**
 * Holds the project's row until the transaction ends, for writes that depend on the whole
 * project as it is now (the next dataset version number, the assignment plan): the same write
 * from another connection waits, then reads what this one left. SQLite's write transaction
 * already holds the whole file.
 */
export async function lockProject(trx: Kysely<Database>): Promise<void> {
  if (dialectOf(trx).locksRows) await trx.selectFrom('project').select('id').where('id', '=', 1).forNoKeyUpdate().execute();
}

/** A demo's ready-made people sign in without passwords; a demo says so wherever names are picked. */
export async function markDemo(db: Kysely<Database>): Promise<void> {
  await db.updateTable('project').set({ is_demo: 1 }).where('id', '=', 1).execute();
}

export async function insertClasses(db: Kysely<Database>, classes: ReadonlyArray<Omit<LabelClass, 'id' | 'retired'>>): Promise<void> {
  if (classes.length === 0) return;
  await db
    .insertInto('label_class')
    .values(classes.map((c, position) => ({ name: c.name, color: c.color, hotkey: c.hotkey, position })))
    .execute();
}

/** Every class, retired ones included (old labels still name them); `activeClasses` picks those offered for new boxes. */
export async function listClasses(db: Kysely<Database>): Promise<LabelClass[]> {
  const rows = await db.selectFrom('label_class').select(['id', 'name', 'color', 'hotkey', 'retired_at']).orderBy('position').orderBy('id').execute();
  return rows.map(({ retired_at, ...row }) => ({ ...row, retired: retired_at !== null }));
}

export async function insertTags(db: Kysely<Database>, tags: ReadonlyArray<Omit<Tag, 'id' | 'retired' | 'formerNames'>>): Promise<void> {
  if (tags.length === 0) return;
  const start = await nextTagPosition(db);
  await db
    .insertInto('tag')
    .values(tags.map((t, i) => ({ name: t.name, hotkey: t.hotkey, position: start + i })))
    .execute();
}

/** Every tag, retired ones included, with the names it had before any rename (one statement: a save reads it). */
export async function listTags(db: Kysely<Database>): Promise<Tag[]> {
  const rows = await db
    .selectFrom('tag')
    .leftJoin('tag_former_name', 'tag_former_name.tag_id', 'tag.id')
    .select(['tag.id', 'tag.name', 'tag.hotkey', 'tag.retired_at', 'tag_former_name.name as former_name'])
    .orderBy('tag.position')
    .orderBy('tag.id')
    .orderBy('tag_former_name.renamed_at')
    .execute();
  const tags = new Map<number, Tag>();
  for (const row of rows) {
    const tag = tags.get(row.id) ?? { id: row.id, name: row.name, hotkey: row.hotkey, retired: row.retired_at !== null, formerNames: [] };
    if (row.former_name !== null) tag.formerNames.push(row.former_name);
    tags.set(row.id, tag);
  }
  return [...tags.values()];
}

/**
 * Reads any name a tag has had as its name now (see `currentTagNames`): stored labels keep the
 * tag names their labeler or SME gave, so readers of labels pass them through this.
 */
export async function tagNamesNow(db: Kysely<Database>): Promise<(name: string) => string> {
  return currentTagNames(await listTags(db));
}

/**
 * Ids of the named tags, adding to the vocabulary any that are new (tags arriving from
 * an import manifest join the vocabulary without a hotkey).
 */
export async function ensureTags(db: Kysely<Database>, names: Iterable<string>): Promise<Map<string, number>> {
  const wanted = [...new Set(names)];
  const ids = new Map<string, number>();
  if (wanted.length === 0) return ids;
  const existing = await db.selectFrom('tag').select(['id', 'name']).where('name', 'in', wanted).execute();
  for (const row of existing) ids.set(row.name, row.id);
  // A name a tag had before a rename still means that tag: it is not made a second one.
  for (const former of await formerTagNames(db)) if (wanted.includes(former.name) && !ids.has(former.name)) ids.set(former.name, former.tagId);
  const missing = wanted.filter((name) => !ids.has(name));
  let position = await nextTagPosition(db);
  for (const name of missing) {
    const row = await db.insertInto('tag').values({ name, hotkey: null, position: position++ }).returning('id').executeTakeFirstOrThrow();
    ids.set(name, row.id);
  }
  return ids;
}

async function nextTagPosition(db: Kysely<Database>): Promise<number> {
  const row = await db
    .selectFrom('tag')
    .select((eb) => eb.fn.max('position').as('max'))
    .executeTakeFirst();
  return (row?.max ?? -1) + 1;
}

export async function insertGuidelineVersion(
  db: Kysely<Database>,
  version: { version: number; bodyMd: string; changelog: string; publishedAt: number },
): Promise<number> {
  const row = await db
    .insertInto('guideline_version')
    .values({ version: version.version, body_md: version.bodyMd, changelog: version.changelog, published_at: version.publishedAt })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export interface GuidelineVersionRef {
  id: number;
  version: number;
}

/** The newest published guideline version: the one new annotations are made under. */
export async function currentGuidelineVersion(db: Kysely<Database>): Promise<GuidelineVersionRef> {
  return db.selectFrom('guideline_version').select(['id', 'version']).orderBy('version', 'desc').limit(1).executeTakeFirstOrThrow();
}

export async function countRows(db: Kysely<Database>, table: 'sample' | 'labeler' | 'annotation_revision'): Promise<number> {
  const row = await db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
