import BetterSqlite3 from 'better-sqlite3';
import { Kysely } from 'kysely';
import type { Database } from './schema';
import { DEFAULT_BUSY_WAIT_MS, WaitingSqliteDialect } from './waiting-driver';

/** Queries slower than this are logged: they would be felt in the UI. */
const SLOW_QUERY_MS = 40;

export interface Connection {
  readonly engine: 'sqlite';
  db: Kysely<Database>;
  /** The driver itself, for what Kysely does not cover (online backups). */
  sqlite: BetterSqlite3.Database;
  close(): Promise<void>;
}

export interface OpenOptions {
  /** A better-sqlite3 addon built for this runtime; Electron passes its own build. */
  nativeBinding?: string;
  readonly?: boolean;
  /** How long a write waits for another writer before failing as `busy` (default 10 s). */
  busyWaitMs?: number;
  /**
   * Writes wait for this (the integrity check running beside the open connection) and fail with
   * its error if it fails; until then SQLite itself refuses any write (`query_only`), whatever
   * path it comes by. Reads go on meanwhile.
   */
  writesAfter?: Promise<void>;
}

/**
 * Opens a project database. WAL with synchronous=FULL means a committed edit survives
 * power loss; foreign keys are on so no row can point at nothing. SQLite's own
 * busy_timeout stays 0: it would wait by blocking the event loop, so the driver waits
 * for the write lock instead (see `waiting-driver.ts`).
 */
export function openConnection(file: string, options: OpenOptions = {}): Connection {
  const sqlite = new BetterSqlite3(file, {
    readonly: options.readonly ?? false,
    fileMustExist: options.readonly ?? false,
    ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
  });
  try {
    if (!options.readonly) sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('synchronous = FULL');
    sqlite.pragma('foreign_keys = ON');
    sqlite.pragma('busy_timeout = 0');
    if (options.writesAfter) sqlite.pragma('query_only = ON');
  } catch (error) {
    // A file that is not a database fails here: let go of it, or it stays open (and locked on Windows).
    sqlite.close();
    throw error;
  }
  const writable = options.writesAfter?.then(() => {
    if (sqlite.open) sqlite.pragma('query_only = OFF');
  });
  // Met by each write that waits on it; unawaited, its failure is no crash.
  writable?.catch(() => undefined);
  const db = new Kysely<Database>({
    dialect: new WaitingSqliteDialect(sqlite, options.busyWaitMs ?? DEFAULT_BUSY_WAIT_MS, writable),
    log(event) {
      if (event.level === 'error') return;
      if (event.queryDurationMillis > SLOW_QUERY_MS) {
        console.warn(`[db] slow query (${event.queryDurationMillis.toFixed(0)} ms): ${event.query.sql.slice(0, 200)}`);
      }
    },
  });
  return {
    engine: 'sqlite',
    db,
    sqlite,
    async close() {
      await db.destroy();
    },
  };
}
