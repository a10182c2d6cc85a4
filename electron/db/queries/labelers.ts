import type { Kysely } from 'kysely';
import type { Labeler, LabelerRole } from '../../../shared/domain/labeler';
import type { Database } from '../schema';

const toLabeler = (row: { id: number; name: string; role: LabelerRole; created_at: number }): Labeler => ({
  id: row.id,
  name: row.name,
  role: row.role,
  createdAt: new Date(row.created_at).toISOString(),
});

export async function listLabelers(db: Kysely<Database>): Promise<Labeler[]> {
  const rows = await db.selectFrom('labeler').selectAll().orderBy('name').execute();
  return rows.map(toLabeler);
}

export async function findLabelerByName(db: Kysely<Database>, name: string): Promise<Labeler | null> {
  const row = await db.selectFrom('labeler').selectAll().where('name', '=', name).executeTakeFirst();
  return row ? toLabeler(row) : null;
}

export async function insertLabeler(db: Kysely<Database>, labeler: { name: string; role: LabelerRole; createdAt: number }): Promise<Labeler> {
  const row = await db
    .insertInto('labeler')
    .values({ name: labeler.name, role: labeler.role, created_at: labeler.createdAt })
    .returningAll()
    .executeTakeFirstOrThrow();
  return toLabeler(row);
}

export async function getLabeler(db: Kysely<Database>, id: number): Promise<Labeler | null> {
  const row = await db.selectFrom('labeler').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toLabeler(row) : null;
}
