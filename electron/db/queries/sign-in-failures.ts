import type { Kysely } from 'kysely';
import type { Database } from '../schema';

export interface FailureCount {
  failures: number;
  lastAt: number;
  lockedUntil: number;
}

/**
 * Where failed sign-ins are counted: a project's own database, or, on a team server of several
 * projects, its catalogue, so that the count follows a person and an address across projects.
 */
export interface FailureStore {
  get(key: string): Promise<FailureCount | null>;
  put(key: string, count: FailureCount): Promise<void>;
  clear(key: string): Promise<void>;
}

export async function getFailures(db: Kysely<Database>, key: string): Promise<FailureCount | null> {
  return (
    (await db
      .selectFrom('sign_in_failure')
      .select(['failures', 'last_at as lastAt', 'locked_until as lockedUntil'])
      .where('key', '=', key)
      .executeTakeFirst()) ?? null
  );
}

export async function putFailures(db: Kysely<Database>, key: string, count: FailureCount): Promise<void> {
  await db
    .insertInto('sign_in_failure')
    .values({ key, failures: count.failures, last_at: count.lastAt, locked_until: count.lockedUntil })
    .onConflict((oc) => oc.column('key').doUpdateSet({ failures: count.failures, last_at: count.lastAt, locked_until: count.lockedUntil }))
    .execute();
}

export async function clearFailures(db: Kysely<Database>, key: string): Promise<void> {
  await db.deleteFrom('sign_in_failure').where('key', '=', key).execute();
}
