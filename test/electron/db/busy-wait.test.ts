import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { openConnection } from '../../../electron/db/connection';
import { inTransaction } from '../../../electron/db/transaction';
import { ApiError } from '../../../shared/api/errors';
import { useTempDirs } from '../../support/temp-dir';

describe('waiting for another writer', () => {
  const tempDir = useTempDirs();

  function twoConnections(busyWaitMs: number) {
    const file = join(tempDir(), 'concord.db');
    const ours = openConnection(file, { busyWaitMs });
    ours.sqlite.exec('CREATE TABLE note (text TEXT NOT NULL)');
    const other = new BetterSqlite3(file, { timeout: 0 });
    return { ours, other, count: () => (ours.sqlite.prepare('SELECT COUNT(*) AS n FROM note').get() as { n: number }).n };
  }

  it('takes the write lock when a transaction begins, so one that read first cannot fail when it writes', async () => {
    const { ours, other, count } = twoConnections(5_000);
    try {
      await inTransaction(ours.db, async (trx) => {
        await sql`SELECT COUNT(*) FROM note`.execute(trx);
        // Another process tries to write in the middle: it must wait for us, not slip in before our write.
        expect(() => other.exec("INSERT INTO note VALUES ('theirs')")).toThrow(/locked|busy/i);
        await sql`INSERT INTO note VALUES ('ours')`.execute(trx);
      });
      expect(count()).toBe(1);
    } finally {
      other.close();
      await ours.close();
    }
  });

  it('waits for a writer that finishes, without blocking this process meanwhile', async () => {
    const { ours, other, count } = twoConnections(5_000);
    try {
      other.exec('BEGIN IMMEDIATE');
      // The lock is released by this process's own event loop, which a blocking wait would starve.
      setTimeout(() => other.exec('COMMIT'), 30);
      await inTransaction(ours.db, (trx) => sql`INSERT INTO note VALUES ('ours')`.execute(trx));
      await sql`INSERT INTO note VALUES ('outside a transaction')`.execute(ours.db);
      expect(count()).toBe(2);
    } finally {
      other.close();
      await ours.close();
    }
  });

  it('answers reads while writes wait for the other writer, then writes them once it lets go', async () => {
    const { ours, other, count } = twoConnections(5_000);
    try {
      other.exec('BEGIN IMMEDIATE');
      const inside = inTransaction(ours.db, (trx) => sql`INSERT INTO note VALUES ('in a transaction')`.execute(trx)).then(() => 'written');
      const alone = sql`INSERT INTO note VALUES ('alone')`.execute(ours.db).then(() => 'written');
      // Both writes wait for the lock; a read of this process answers meanwhile, not after them.
      const read = sql<{ n: number }>`SELECT COUNT(*) AS n FROM note`.execute(ours.db).then((result) => result.rows[0]!.n);
      expect(await Promise.race([read, inside, alone])).toBe(0);
      other.exec('COMMIT');
      expect(await Promise.all([inside, alone])).toEqual(['written', 'written']);
      expect(count()).toBe(2);
    } finally {
      other.close();
      await ours.close();
    }
  });

  it('gives up with "the project is busy" when the other writer keeps the lock, and writes nothing', async () => {
    const { ours, other, count } = twoConnections(100);
    try {
      other.exec('BEGIN IMMEDIATE');
      const attempt = inTransaction(ours.db, (trx) => sql`INSERT INTO note VALUES ('ours')`.execute(trx));
      await expect(attempt).rejects.toBeInstanceOf(ApiError);
      await expect(attempt).rejects.toMatchObject({ code: 'busy', message: expect.stringMatching(/project is busy.*Nothing was saved/) });
      other.exec('ROLLBACK');
      expect(count()).toBe(0);
    } finally {
      other.close();
      await ours.close();
    }
  });
});
