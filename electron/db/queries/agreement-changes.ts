import type { Kysely } from 'kysely';
import { dialectOf } from '../dialect';
import type { Database } from '../schema';

/**
 * Where the recorded changes to agreement inputs stand now (migration 26), as text: what a kept
 * agreement ledger keeps, to ask {@link samplesChangedSince} in a later session. Taken before
 * the inputs are read, so a change made meanwhile counts as after it (measured again, never missed).
 */
export async function agreementChangePosition(db: Kysely<Database>): Promise<string> {
  const row = await db
    .selectFrom('agreement_clock')
    .select(['epoch', dialectOf(db).changePosition().as('position')])
    .executeTakeFirstOrThrow();
  return `${row.epoch} ${row.position}`;
}

/**
 * The samples whose submitted answers or tags changed after `position` (one
 * {@link agreementChangePosition} gave), in increasing id: one indexed query, whoever made the
 * changes. Null when that cannot be told, and every sample must be measured: `position` is not
 * one (a kept file is untrusted), it is of another database (its own clock), or a tag was
 * renamed since (every answer's tags read anew).
 */
export async function samplesChangedSince(db: Kysely<Database>, position: string): Promise<number[] | null> {
  const dialect = dialectOf(db);
  const [epoch, at, ...rest] = position.split(' ');
  if (at === undefined || rest.length > 0 || !dialect.isChangePosition(at)) return null;
  const clock = await db
    .selectFrom('agreement_clock')
    .select(['epoch', dialect.changedAfter('reset_change', at).as('reset')])
    .executeTakeFirst();
  // Booleans come back as 0/1 from SQLite, true/false from PostgreSQL.
  if (!clock || clock.epoch !== epoch || Number(clock.reset) === 1) return null;
  const rows = await db.selectFrom('agreement_change').select('sample_id').where(dialect.changedAfter('change_id', at)).orderBy('sample_id').execute();
  return rows.map((row) => row.sample_id);
}
