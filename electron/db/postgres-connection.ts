import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { PostgresSchemaPlugin } from './dialect/postgres-schema';
import type { Database } from './schema';

/** Queries slower than this are logged, as they are for SQLite (see `connection.ts`). */
const SLOW_QUERY_MS = 40;
/** PostgreSQL's `bigint`, which every integer column is there (SQLite's integers are 64-bit). */
const INT8_OID = 20;

export interface PostgresConnection {
  readonly engine: 'postgres';
  db: Kysely<Database>;
  close(): Promise<void>;
}

/**
 * A 64-bit integer as a JavaScript number. pg hands them over as text so that nothing is
 * rounded silently; Concord's are ids, counts, sizes and millisecond timestamps, all far
 * below 2^53, so a value beyond that can only be damage, and is refused rather than rounded.
 */
export function parseBigint(text: string): number {
  const value = Number(text);
  if (!Number.isSafeInteger(value)) throw new RangeError(`The database returned an integer beyond 2^53, which Concord never stores (${text.length} digits).`);
  return value;
}

const types: pg.CustomTypesConfig = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === INT8_OID && format !== 'binary' ? parseBigint : pg.types.getTypeParser(oid, format)) as pg.CustomTypesConfig['getTypeParser'],
};

/**
 * Opens a pool of connections to a team's PostgreSQL database, with the same query layer
 * as a project file: the same Kysely queries, and the migrations' SQLite types translated.
 */
export function openPostgresConnection(config: pg.PoolConfig): PostgresConnection {
  const pool = new pg.Pool({ ...config, types });
  const db = new Kysely<Database>({
    dialect: new PostgresDialect({ pool }),
    plugins: [new PostgresSchemaPlugin()],
    log(event) {
      if (event.level === 'error') return;
      if (event.queryDurationMillis > SLOW_QUERY_MS) {
        console.warn(`[db] slow query (${event.queryDurationMillis.toFixed(0)} ms): ${event.query.sql.slice(0, 200)}`);
      }
    },
  });
  return { engine: 'postgres', db, close: () => db.destroy() };
}
