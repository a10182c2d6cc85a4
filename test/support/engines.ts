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
  /** Two connections (as of two processes or servers) to one new, empty database. */
  sharedEmptyDatabase(): Promise<[Kysely<Database>, Kysely<Database>]>;
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
  const keep = (connection: { db: Kysely<Database>; close(): Promise<void> }) => {
    open.push(connection);
    return connection.db;
  };
  const emptyDatabase = async () => keep(await (await newDatabase())());
  return {
    name,
    emptyDatabase,
    async sharedEmptyDatabase() {
      const connect = await newDatabase();
      return [keep(await connect()), keep(await connect())];
    },
    async migratedDatabase() {
      const db = await emptyDatabase();
      await migrate(db);
      return db;
    },
  };
}

/** Each call makes a new database and returns how to connect to it (as often as wanted). */
function sqliteDatabases() {
  const tempDir = useTempDirs();
  return async () => {
    const file = join(tempDir(), 'concord.db');
    return async () => openConnection(file);
  };
}

function postgresDatabases() {
  const newDatabase = usePostgresDatabases();
  return async () => {
    const config = await newDatabase();
    return async () => openPostgresConnection(config);
  };
}
