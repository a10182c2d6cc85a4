import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { openConnection } from '../../../electron/db/connection';
import { inTransaction } from '../../../electron/db/transaction';
import { heldCheck } from '../../support/held-check';
import { useTempDirs } from '../../support/temp-dir';

/**
 * While a project's integrity check runs beside it, writes wait for the check (see connection.ts)
 * and reads go on: a write waiting must not hold the one connection, or every read of every other
 * request would wait for the check too.
 */
describe('writes waiting for the integrity check', () => {
  const tempDir = useTempDirs();

  /** A database with one note, open with its writes held until `pass` or `fail` is called. */
  function checking() {
    const file = join(tempDir(), 'concord.db');
    const setup = new BetterSqlite3(file);
    setup.exec("PRAGMA journal_mode = WAL; CREATE TABLE note (text TEXT NOT NULL); INSERT INTO note VALUES ('before')");
    setup.close();
    const { checked, pass, fail } = heldCheck();
    const connection = openConnection(file, { writesAfter: checked });
    const notes = async () => (await sql<{ text: string }>`SELECT text FROM note ORDER BY rowid`.execute(connection.db)).rows.map((row) => row.text);
    return { connection, notes, pass, fail };
  }

  it('answers reads while a transaction and a statement wait to write, then writes both once the check passes', async () => {
    const { connection, notes, pass } = checking();
    try {
      let written = 0;
      const inside = inTransaction(connection.db, (trx) => sql`INSERT INTO note VALUES ('in a transaction')`.execute(trx)).then(() => written++);
      const alone = sql`INSERT INTO note VALUES ('alone')`.execute(connection.db).then(() => written++);
      // Both writes are waiting; reads still answer, and see neither.
      expect(await notes()).toEqual(['before']);
      expect(await notes()).toEqual(['before']);
      expect(written).toBe(0);

      pass();
      await Promise.all([inside, alone]);
      expect(await notes()).toEqual(['before', 'in a transaction', 'alone']);
    } finally {
      await connection.close();
    }
  });

  it('fails the waiting writes with the check’s refusal, writes nothing, and goes on reading', async () => {
    const { connection, notes, fail } = checking();
    try {
      const inside = inTransaction(connection.db, (trx) => sql`INSERT INTO note VALUES ('in a transaction')`.execute(trx));
      const alone = sql`INSERT INTO note VALUES ('alone')`.execute(connection.db);
      expect(await notes()).toEqual(['before']);

      fail(new Error('The project database is damaged'));
      await expect(inside).rejects.toThrow(/damaged/);
      await expect(alone).rejects.toThrow(/damaged/);
      expect(await notes()).toEqual(['before']);
      await expect(sql`INSERT INTO note VALUES ('later')`.execute(connection.db)).rejects.toThrow(/damaged/);
    } finally {
      await connection.close();
    }
  });
});
