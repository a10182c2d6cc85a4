import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { usePostgresDatabases } from '../../support/postgres';

describe('the throwaway PostgreSQL cluster of a test run', () => {
  const newDatabase = usePostgresDatabases();

  async function query<R extends pg.QueryResultRow>(config: pg.PoolConfig, text: string): Promise<R[]> {
    const client = new pg.Client(config);
    await client.connect();
    try {
      return (await client.query<R>(text)).rows;
    } finally {
      await client.end();
    }
  }

  it('gives each caller its own empty database on 127.0.0.1, never a shared one', async () => {
    const first = await newDatabase();
    const second = await newDatabase();
    expect(first.host).toBe('127.0.0.1');
    expect(first.database).not.toBe(second.database);
    await query(first, 'CREATE TABLE note (text TEXT NOT NULL)');
    await query(first, "INSERT INTO note VALUES ('only in the first')");
    expect(await query(first, 'SELECT text FROM note')).toEqual([{ text: 'only in the first' }]);
    const inSecond = await query<{ n: string }>(second, "SELECT count(*) AS n FROM information_schema.tables WHERE table_name = 'note'");
    expect(inSecond).toEqual([{ n: '0' }]);
  });

  it('sorts text by bytes, as SQLite does, so both engines list names in one order', async () => {
    const config = await newDatabase();
    const rows = await query<{ name: string }>(config, "SELECT name FROM (VALUES ('b'), ('B'), ('a'), ('_')) AS t(name) ORDER BY name");
    expect(rows.map((r) => r.name)).toEqual(['B', '_', 'a', 'b']);
  });
});
