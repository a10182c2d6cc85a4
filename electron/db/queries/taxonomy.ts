import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { TaxonomyChange, TaxonomyItemState, TaxonomyTarget } from '../../../shared/domain/taxonomy';
import type { Database } from '../schema';
import { readStoredJson } from '../stored-json';

/** The table that holds each kind of item. */
const TABLE = { class: 'label_class', tag: 'tag' } as const;

/** A class or tag as it is stored, whichever table it lives in. */
export interface TaxonomyItemRow {
  id: number;
  name: string;
  /** null for a tag. */
  color: string | null;
  hotkey: string | null;
  retiredAt: number | null;
}

/** Every class (or tag) in order, retired ones included. */
export async function listTaxonomyItems(db: Kysely<Database>, target: TaxonomyTarget): Promise<TaxonomyItemRow[]> {
  if (target === 'class') {
    const rows = await db.selectFrom('label_class').select(['id', 'name', 'color', 'hotkey', 'retired_at']).orderBy('position').orderBy('id').execute();
    return rows.map((row) => ({ id: row.id, name: row.name, color: row.color, hotkey: row.hotkey, retiredAt: row.retired_at }));
  }
  const rows = await db.selectFrom('tag').select(['id', 'name', 'hotkey', 'retired_at']).orderBy('position').orderBy('id').execute();
  return rows.map((row) => ({ id: row.id, name: row.name, color: null, hotkey: row.hotkey, retiredAt: row.retired_at }));
}

/** Adds a class (with its colour) or a tag at the end of its list; returns its id. */
export async function addTaxonomyItem(
  db: Kysely<Database>,
  target: TaxonomyTarget,
  item: { name: string; color: string | null; hotkey: string | null },
): Promise<number> {
  const table = TABLE[target];
  const last = await db
    .selectFrom(table)
    .select((eb) => eb.fn.max('position').as('max'))
    .executeTakeFirst();
  const position = (last?.max ?? -1) + 1;
  const row =
    target === 'class'
      ? await db
          .insertInto('label_class')
          .values({ name: item.name, color: item.color ?? '#888888', hotkey: item.hotkey, position })
          .returning('id')
          .executeTakeFirstOrThrow()
      : await db.insertInto('tag').values({ name: item.name, hotkey: item.hotkey, position }).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

/** Sets a class's or tag's name, colour (classes only), key and retirement, all at once. */
export async function updateTaxonomyItem(db: Kysely<Database>, target: TaxonomyTarget, item: TaxonomyItemRow): Promise<void> {
  if (target === 'class') {
    await db
      .updateTable('label_class')
      .set({ name: item.name, color: item.color ?? '#888888', hotkey: item.hotkey, retired_at: item.retiredAt })
      .where('id', '=', item.id)
      .execute();
  } else {
    await db.updateTable('tag').set({ name: item.name, hotkey: item.hotkey, retired_at: item.retiredAt }).where('id', '=', item.id).execute();
  }
}

const itemStateSchema = z.object({
  name: z.string(),
  color: z.string().nullable(),
  hotkey: z.string().nullable(),
  retired: z.boolean(),
});

/** Appends one change to the history (the database refuses to change or delete a recorded one). */
export async function appendTaxonomyChange(
  db: Kysely<Database>,
  change: Omit<TaxonomyChange, 'id' | 'at' | 'actor'> & { at: number; actorId: number | null; actorName: string },
): Promise<number> {
  const row = await db
    .insertInto('taxonomy_change')
    .values({
      at: change.at,
      actor_id: change.actorId,
      actor_name: change.actorName,
      target: change.target,
      item_id: change.itemId,
      action: change.action,
      before_json: change.before ? JSON.stringify(change.before) : null,
      after_json: JSON.stringify(change.after),
      guideline_version: change.guidelineVersion,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Every change to the classes and tags, newest first. */
export async function listTaxonomyChanges(db: Kysely<Database>): Promise<TaxonomyChange[]> {
  const rows = await db.selectFrom('taxonomy_change').selectAll().orderBy('id', 'desc').execute();
  return rows.map((row) => {
    const state = (column: 'before_json' | 'after_json', text: string): TaxonomyItemState =>
      readStoredJson(itemStateSchema, text, { table: 'taxonomy_change', column, row: row.id });
    return {
      id: row.id,
      at: new Date(row.at).toISOString(),
      actor: row.actor_name,
      target: row.target,
      itemId: row.item_id,
      action: row.action,
      before: row.before_json === null ? null : state('before_json', row.before_json),
      after: state('after_json', row.after_json),
      guidelineVersion: row.guideline_version,
    };
  });
}
