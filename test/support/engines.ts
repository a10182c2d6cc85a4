import { join } from 'node:path';
import type { Kysely } from 'kysely';
import { afterEach, describe } from 'vitest';
import { openConnection } from '../../electron/db/connection';
import { migrate } from '../../electron/db/migrate';
import { openPostgresConnection } from '../../electron/db/postgres-connection';
import type { Database } from '../../electron/db/schema';
import { usePostgresDatabases } from './postgres';
import { useTempDirs } from './temp-dir';

export type EngineName = 'sqlite' | 'postgres';

/** One database engine as a test sees it: fresh databases, closed after each test. */
export interface Engine {
  name: EngineName;
  /** A new database with no tables at all. */
  emptyDatabase(): Promise<Kysely<Database>>;
  /** A new database at the newest schema. */
  migratedDatabase(): Promise<Kysely<Database>>;
}

const ENGINES: readonly EngineName[] = ['sqlite', 'postgres'];

/**
 * Declares the same tests once per engine, so every query is proven on the project file
 * (SQLite) and on a team server's database (PostgreSQL) alike.
 *
 * @example
 *   describeOnEngines('sample queries', (engine) => {
 *     it('lists samples', async () => {
 *       const db = await engine.migratedDatabase();
 *       ...
 *     });
 *   });
 */
export function describeOnEngines(title: string, body: (engine: Engine) => void): void {
  for (const name of ENGINES) {
    describe(`${title} [${name}]`, () => body(useEngine(name)));
  }
}

function useEngine(name: EngineName): Engine {
  const open: Array<{ close(): Promise<void> }> = [];
  afterEach(async () => {
    for (const connection of open.splice(0)) await connection.close();
  });
  const newDatabase = name === 'sqlite' ? sqliteDatabases() : postgresDatabases();
  const emptyDatabase = async () => {
    const connection = await newDatabase();
    open.push(connection);
    return connection.db;
  };
  return {
    name,
    emptyDatabase,
    async migratedDatabase() {
      const db = await emptyDatabase();
      await migrate(db);
      return db;
    },
  };
}

function sqliteDatabases() {
  const tempDir = useTempDirs();
  return async () => openConnection(join(tempDir(), 'concord.db'));
}

function postgresDatabases() {
  const newDatabase = usePostgresDatabases();
  return async () => openPostgresConnection(await newDatabase());
}
