import type { Kysely, Selectable } from 'kysely';
import type { Labeler, LabelerRole } from '../../../shared/domain/labeler';
import type { Database, LabelerTable } from '../schema';

/** An account as the rest of Concord sees it, from its row (also read joined to a session, see `sessions.ts`). */
export const toLabeler = (row: Selectable<LabelerTable>): Labeler => ({
  id: row.id,
  name: row.name,
  role: row.role,
  createdAt: new Date(row.created_at).toISOString(),
  disabled: row.disabled_at !== null,
  hasPassword: row.password_hash !== null,
  owner: row.is_owner === 1,
});

export async function listLabelers(db: Kysely<Database>): Promise<Labeler[]> {
  const rows = await db.selectFrom('labeler').selectAll().orderBy('name').execute();
  return rows.map(toLabeler);
}

export async function findLabelerByName(db: Kysely<Database>, name: string): Promise<Labeler | null> {
  const row = await db.selectFrom('labeler').selectAll().where('name', '=', name).executeTakeFirst();
  return row ? toLabeler(row) : null;
}

export async function insertLabeler(
  db: Kysely<Database>,
  labeler: { name: string; role: LabelerRole; createdAt: number; passwordHash?: string | null },
): Promise<Labeler> {
  const row = await db
    .insertInto('labeler')
    .values({ name: labeler.name, role: labeler.role, created_at: labeler.createdAt, password_hash: labeler.passwordHash ?? null, disabled_at: null })
    .returningAll()
    .executeTakeFirstOrThrow();
  return toLabeler(row);
}

export async function getLabeler(db: Kysely<Database>, id: number): Promise<Labeler | null> {
  const row = await db.selectFrom('labeler').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toLabeler(row) : null;
}

/** The admin the person at this computer is signed in as (every project has one). */
export async function getOwner(db: Kysely<Database>): Promise<Labeler | null> {
  const row = await db.selectFrom('labeler').selectAll().where('is_owner', '=', 1).executeTakeFirst();
  return row ? toLabeler(row) : null;
}

/** The stored password hash of an account found by name, for checking a sign-in. */
export async function findCredentials(db: Kysely<Database>, name: string): Promise<{ labeler: Labeler; passwordHash: string | null } | null> {
  const row = await db.selectFrom('labeler').selectAll().where('name', '=', name).executeTakeFirst();
  return row ? { labeler: toLabeler(row), passwordHash: row.password_hash } : null;
}

export async function passwordHashOf(db: Kysely<Database>, id: number): Promise<string | null> {
  const row = await db.selectFrom('labeler').select('password_hash').where('id', '=', id).executeTakeFirst();
  return row?.password_hash ?? null;
}

export async function updateLabeler(
  db: Kysely<Database>,
  id: number,
  change: { name?: string; role?: LabelerRole; disabledAt?: number | null; passwordHash?: string },
): Promise<Labeler> {
  const row = await db
    .updateTable('labeler')
    .set({
      ...(change.name !== undefined ? { name: change.name } : {}),
      ...(change.role !== undefined ? { role: change.role } : {}),
      ...(change.disabledAt !== undefined ? { disabled_at: change.disabledAt } : {}),
      ...(change.passwordHash !== undefined ? { password_hash: change.passwordHash } : {}),
    })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
  return toLabeler(row);
}
