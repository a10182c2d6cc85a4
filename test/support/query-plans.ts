import { join } from 'node:path';
import { Kysely, SqliteDialect, type CompiledQuery } from 'kysely';
import { openConnection } from '../../electron/db/connection';
import { migrate } from '../../electron/db/migrate';
import type { Database } from '../../electron/db/schema';

/**
 * SQLite's plan (`explain query plan`, a line per step) of each query `run` asks, in order, on a
 * new database at the newest schema in `dir`: for tests that hold a read a large project makes
 * often to an index instead of a scan.
 * @example const [plan] = await sqlitePlans(tempDir(), (db) => samplesWithSubmissions(db));
 */
export async function sqlitePlans(dir: string, run: (db: Kysely<Database>) => Promise<unknown>): Promise<string[][]> {
  const connection = openConnection(join(dir, 'concord.db'));
  try {
    await migrate(connection.db);
    const asked: CompiledQuery[] = [];
    const recording = new Kysely<Database>({ dialect: new SqliteDialect({ database: connection.sqlite }), log: (event) => void asked.push(event.query) });
    await run(recording);
    return asked.map((query) =>
      (connection.sqlite.prepare(`explain query plan ${query.sql}`).all(...query.parameters) as Array<{ detail: string }>).map((step) => step.detail),
    );
  } finally {
    await connection.close();
  }
}
