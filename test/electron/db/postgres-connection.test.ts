import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { openPostgresConnection, type PostgresConnection } from '../../../electron/db/postgres-connection';
import { usePostgresDatabases } from '../../support/postgres';

describe('a PostgreSQL connection', () => {
  const newDatabase = usePostgresDatabases();
  const open: PostgresConnection[] = [];
  afterEach(async () => {
    for (const connection of open.splice(0)) await connection.close();
  });
  const connect = async () => {
    const connection = openPostgresConnection(await newDatabase());
    open.push(connection);
    return connection.db;
  };

  it('reads 64-bit integers as exact numbers, and refuses one beyond 2^53 rather than rounding it', async () => {
    const db = await connect();
    const { rows } = await sql<{ at: number; n: number }>`SELECT ${Date.UTC(2026, 11, 3)}::bigint AS at, count(*) AS n FROM (VALUES (1), (2)) AS t(x)`.execute(
      db,
    );
    expect(rows).toEqual([{ at: Date.UTC(2026, 11, 3), n: 2 }]);
    await expect(sql`SELECT 9007199254740993::bigint AS n`.execute(db)).rejects.toThrow(/beyond 2\^53/);
  });
});
