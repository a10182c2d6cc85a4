import { sql } from 'kysely';
import { ApiError } from '../../shared/api/errors';
import { dialectOf } from './dialect';
import { MIGRATIONS, type Migration, type MigrationDb } from './migrations';

export interface MigrationOutcome {
  from: number;
  to: number;
  /** Copy of the database taken before migrating, when there was anything to lose. */
  backupPath: string | null;
}

export interface MigrateOptions {
  migrations?: readonly Migration[];
  /** Stop at this version (tests build databases of earlier versions this way). */
  target?: number;
  /** Writes a consistent copy of the database to the given path. */
  backup?: (path: string) => Promise<void>;
  backupPathFor?: (fromVersion: number) => string;
}

/** The schema version a database is at: 0 for a new, empty one. */
export async function schemaVersion(db: MigrationDb): Promise<number> {
  await dialectOf(db).migrationTable().execute(db);
  const row = await sql<{ version: number | null }>`SELECT MAX(version) AS version FROM schema_migration`.execute(db);
  return row.rows[0]?.version ?? 0;
}

/**
 * Brings a database to the newest schema this build knows. Pending steps run in one
 * transaction, so a failure leaves the database exactly as it was; a copy is taken
 * first; a database written by a newer Concord is refused rather than misread.
 */
export async function migrate(db: MigrationDb, options: MigrateOptions = {}): Promise<MigrationOutcome> {
  const migrations = options.migrations ?? MIGRATIONS;
  const latest = migrations.at(-1)?.version ?? 0;
  const target = options.target ?? latest;
  const from = await schemaVersion(db);
  if (from > latest) {
    throw new ApiError(
      'failed_precondition',
      `This project was saved by a newer version of Concord (database schema ${from}; this version understands up to ${latest}). Update Concord to open it.`,
    );
  }
  const pending = migrations.filter((m) => m.version > from && m.version <= target);
  if (pending.length === 0) return { from, to: from, backupPath: null };

  let backupPath: string | null = null;
  if (from > 0 && options.backup && options.backupPathFor) {
    backupPath = options.backupPathFor(from);
    await options.backup(backupPath);
  }

  const to = await db.transaction().execute(async (trx) => {
    // Another process (a second window, a second server) may have migrated since `from` was
    // read: with the schema locked, look again and run only what is still pending.
    for (const statement of dialectOf(trx).lockSchema()) await statement.execute(trx);
    const now = await schemaVersion(trx);
    const stillPending = pending.filter((m) => m.version > now);
    for (const migration of stillPending) {
      await migration.up(trx);
      await sql`INSERT INTO schema_migration (version, name, applied_at) VALUES (${migration.version}, ${migration.name}, ${Date.now()})`.execute(trx);
    }
    return stillPending.at(-1)?.version ?? now;
  });
  return { from, to, backupPath };
}
