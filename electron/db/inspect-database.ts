import { statSync } from 'node:fs';
import BetterSqlite3 from 'better-sqlite3';

/** `PRAGMA application_id` of every Concord database ("Conc" in ASCII), set when it is created. */
export const CONCORD_APPLICATION_ID = 0x436f6e63;

/** What a file that claims to be a project database turned out to be. */
export type DatabaseVerdict =
  | {
      ok: true;
      /** Kept in write-ahead-log mode, as Concord keeps its databases: opening it writes nothing. */
      wal: boolean;
      /** The newest schema migration applied (0 for none). */
      schema: number;
    }
  | { ok: false; reason: 'empty' | 'not-sqlite' | 'foreign' | 'damaged' };

/**
 * Looks at an existing database file without changing a byte of it: opened read-only,
 * it must be SQLite, be Concord's (its application id, or for databases made before the
 * id was set, Concord's own migration table) and pass SQLite's quick integrity check, which
 * reads every page (`integrity: false` skips only that, for a file known to be unchanged
 * since it passed: see `database-check-stamp.ts`). The handle is closed whatever the outcome.
 */
export function inspectDatabase(file: string, nativeBinding?: string, { integrity = true }: { integrity?: boolean } = {}): DatabaseVerdict {
  // A zero-byte file is no database: Concord writes the header the moment it creates one.
  if (statSync(file).size === 0) return { ok: false, reason: 'empty' };
  let sqlite: BetterSqlite3.Database | null = null;
  try {
    sqlite = new BetterSqlite3(file, { readonly: true, fileMustExist: true, ...(nativeBinding ? { nativeBinding } : {}) });
    const applicationId = sqlite.pragma('application_id', { simple: true }) as number;
    if (applicationId !== CONCORD_APPLICATION_ID) {
      if (applicationId !== 0 || !hasConcordSchema(sqlite)) return { ok: false, reason: 'foreign' };
    }
    const sound = { ok: true as const, wal: sqlite.pragma('journal_mode', { simple: true }) === 'wal', schema: schemaOf(sqlite) };
    if (!integrity) return sound;
    const problems = (sqlite.pragma('quick_check(5)') as Array<{ quick_check: string }>).map((row) => row.quick_check);
    if (problems.length !== 1 || problems[0] !== 'ok') return { ok: false, reason: 'damaged' };
    return sound;
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === 'SQLITE_NOTADB') return { ok: false, reason: 'not-sqlite' };
    if (code?.startsWith('SQLITE_CORRUPT')) return { ok: false, reason: 'damaged' };
    throw error;
  } finally {
    sqlite?.close();
  }
}

/** The newest migration applied, read without creating the migration table (this handle writes nothing). */
function schemaOf(sqlite: BetterSqlite3.Database): number {
  const table = sqlite.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_migration'").get();
  if (!table) return 0;
  return ((sqlite.prepare('SELECT MAX(version) AS version FROM schema_migration').get() as { version: number | null }).version ?? 0) as number;
}

/** Databases made before Concord set its application id still carry its migration table. */
function hasConcordSchema(sqlite: BetterSqlite3.Database): boolean {
  const tables = new Set((sqlite.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as Array<{ name: string }>).map((row) => row.name));
  return tables.has('schema_migration') && tables.has('project');
}

/** Marks a database as Concord's. Part of the schema, so a migration sets it on older databases too. */
export function applicationIdPragma(): string {
  return `PRAGMA application_id = ${CONCORD_APPLICATION_ID}`;
}
