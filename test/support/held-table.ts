import { sql, type Kysely } from 'kysely';
import { expect } from 'vitest';
import type { CallResult } from '../../shared/api/errors';
import type { Database } from '../../electron/db/schema';
import { deferred } from './deferred';

/**
 * Runs calls at once on a PostgreSQL team database while the test keeps `table` from being
 * written (`LOCK TABLE ... IN EXCLUSIVE MODE`: reads pass, writes and row locks wait). Every
 * call is let go only once all of them wait on a lock, so each has read whatever it reads
 * before writing: the worst interleaving of a check made by a read and a write that follows.
 * A call that locks the row it checks waits at that lock instead, and reads after the winner.
 *
 * @example
 *   const [a, b] = await whileTableHeld(db, 'gold_decision', [() => sam.call('review.decide', ...), () => uma.call(...)]);
 */
export async function whileTableHeld(
  db: Kysely<Database>,
  table: keyof Database & string,
  calls: ReadonlyArray<() => Promise<CallResult<unknown>>>,
): Promise<Array<CallResult<unknown>>> {
  const held = deferred<void>();
  const release = deferred<void>();
  const holding = db.connection().execute(async (connection) => {
    await sql`BEGIN`.execute(connection);
    await sql`LOCK TABLE ${sql.table(table)} IN EXCLUSIVE MODE`.execute(connection);
    held.resolve();
    await release.promise;
    await sql`COMMIT`.execute(connection);
  });
  await held.promise;
  const outcomes = Promise.all(calls.map((call) => call()));
  const waiting = sql<{ n: string }>`
    SELECT count(*) AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`;
  try {
    await expect.poll(async () => Number((await waiting.execute(db)).rows[0]!.n), { timeout: 30_000 }).toBe(calls.length);
  } finally {
    release.resolve();
    await holding;
  }
  return outcomes;
}

/** The one call of a race that landed and the ones refused, failing the test unless exactly one landed. */
export function oneWinner<T>(results: ReadonlyArray<CallResult<unknown>>): { winner: number; value: T; refusals: Array<{ code: string; message: string }> } {
  const winners = results.flatMap((result, index) => (result.ok ? [index] : []));
  expect(winners, 'exactly one of the calls at once lands').toHaveLength(1);
  const winner = winners[0]!;
  return {
    winner,
    value: (results[winner] as { ok: true; value: T }).value,
    refusals: results.flatMap((result) => (result.ok ? [] : [result.error])),
  };
}
