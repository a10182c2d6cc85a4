import { createHash } from 'node:crypto';
import { constants, existsSync } from 'node:fs';
import { access, readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { openConnection, type Connection } from '../db/connection';
import type { ProjectDatabase } from '../db/project-database';
import { openTeamDatabase, teamDatabaseHoldsProject } from '../db/team-database';
import { inspectDatabase, type DatabaseVerdict } from '../db/inspect-database';
import { migrate, schemaVersion } from '../db/migrate';
import { MIGRATIONS } from '../db/migrations';
import { createPrivateFile, mkdirPrivate } from '../fs/private-files';
import { checkIntegrityInWorker } from '../workers/integrity-check';
import { checkedAtFromStamp, stampCheckedDatabase } from './database-check-stamp';
import { ApiError } from '../../shared/api/errors';

/** Where a project keeps each thing inside its folder. */
export interface ProjectPaths {
  dir: string;
  database: string;
  /** Media copied into the project (import with "copy media"). */
  media: string;
  thumbnails: string;
  /** The review queue kept between sessions, per IoU threshold (see `review-queue-file.ts`). */
  reviewQueue(iouThreshold: number | undefined): string;
  /** The agreement ledger kept between sessions, per options (their key; see `agreement-ledger-file.ts`). */
  agreementLedger(optionsKey: string): string;
  backups: string;
  /** When the database last passed SQLite's integrity check, and as which file (see `database-check-stamp.ts`). */
  checkStamp: string;
  /** Says which running app or server has the project open (see `project-lock.ts`). */
  lock: string;
}

export const DATABASE_FILE = 'concord.db';

export function projectPaths(dir: string): ProjectPaths {
  return {
    dir,
    database: join(dir, DATABASE_FILE),
    media: join(dir, 'media'),
    thumbnails: join(dir, 'cache', 'thumbnails'),
    reviewQueue: (iouThreshold) => join(dir, 'cache', `review-queue-iou-${iouThreshold ?? 'default'}.json`),
    // Options as a short name: the key itself is JSON, and the file's header holds it to be checked.
    agreementLedger: (optionsKey) => join(dir, 'cache', `agreement-ledger-${createHash('sha256').update(optionsKey).digest('hex').slice(0, 16)}.bin`),
    backups: join(dir, 'backups'),
    checkStamp: join(dir, 'cache', 'database-checked.json'),
    lock: join(dir, 'concord.lock'),
  };
}

export function hasProjectDatabase(dir: string): boolean {
  return existsSync(join(dir, DATABASE_FILE));
}

/**
 * Where a host keeps its projects' records: `null` for each folder's own `concord.db`, or the
 * URL of a team's PostgreSQL database, which then holds the project whose folder (the
 * server's media root) keeps its media and caches.
 */
export type TeamDatabase = string | null;

/** Whether a project's records exist: its folder's database file, or the team database's project. */
export async function projectExists(dir: string, team: TeamDatabase): Promise<boolean> {
  if (team === null) return hasProjectDatabase(dir);
  const connection = await openTeamDatabase(team);
  try {
    return await teamDatabaseHoldsProject(connection);
  } finally {
    await connection.close();
  }
}

/** Opens a project's database wherever the host keeps it (see `TeamDatabase`). */
export async function openProjectDatabaseIn(team: TeamDatabase, paths: ProjectPaths, options: OpenDatabaseOptions = {}): Promise<ProjectDatabase> {
  if (team === null) return openProjectDatabase(paths, options.nativeBinding, options);
  if (options.readOnly)
    throw new ApiError('failed_precondition', "A team server's project is not opened read-only; its accounts' roles say who may change what.");
  return openTeamDatabase(team);
}

export interface OpenDatabaseOptions {
  nativeBinding?: string | undefined;
  /** Open without writing anything, not even the upgrade of an older schema. */
  readOnly?: boolean;
  /**
   * When the integrity check must run (a copy, a crash), open at once and run it beside the
   * open project: reads go on, writes wait for it (see `checkedInBackground`). For the app and
   * its web host; a command that opens a project for one job checks first, as before.
   */
  checkInBackground?: boolean;
}

/** A project database open while its integrity check still runs in a worker. */
export interface CheckingConnection extends Connection {
  /**
   * Settles when the check ends: resolves when it passed (writes go on), rejects when it did not
   * with the refusal an open would have given (every waiting and later write fails with it), or
   * when the connection closed first.
   */
  checked: Promise<void>;
}

/**
 * Opens (creating when there is none) a project's database and migrates it to this
 * build's schema, backing up the old file first so a bad migration can be undone. An
 * existing file is looked at read-only first: anything that is not a sound Concord
 * database is refused before a byte of it is written.
 */
export async function openProjectDatabase(paths: ProjectPaths, nativeBinding?: string, options: OpenDatabaseOptions = {}): Promise<Connection> {
  try {
    return await openChecked(paths, nativeBinding, options);
  } catch (error) {
    if ((error as { code?: string }).code === 'SQLITE_CANTOPEN' && !(await isWritable(paths.dir))) throw unreadableOnReadOnlyDisk(paths);
    throw error;
  }
}

async function openChecked(paths: ProjectPaths, nativeBinding: string | undefined, options: OpenDatabaseOptions): Promise<Connection> {
  const exists = existsSync(paths.database);
  // A new database is sound by construction; an existing one was checked now or is the file its stamp names.
  let checkedAt = Date.now();
  if (exists) {
    const stamped = await checkedAtFromStamp(paths.checkStamp, paths.database, checkedAt);
    const verdict = inspectDatabase(paths.database, nativeBinding, { integrity: false });
    if (!verdict.ok) throw await refusal(paths, verdict);
    if (stamped === null) {
      // Only a database that opening leaves untouched (already in WAL mode, no upgrade to run) is opened before its check.
      const untouched = verdict.wal && verdict.schema === MIGRATIONS.at(-1)!.version;
      if (options.checkInBackground && !options.readOnly && untouched) return openCheckingInBackground(paths, nativeBinding);
      const checked = inspectDatabase(paths.database, nativeBinding);
      if (!checked.ok) throw await refusal(paths, checked);
    }
    checkedAt = stamped ?? checkedAt;
  } else if (options.readOnly) {
    throw new ApiError('not_found', `No Concord project in ${paths.dir} (there is no concord.db).`);
  } else {
    // Created readable by their owner only, before SQLite opens it, so its -wal and -shm files follow.
    await mkdirPrivate(paths.dir);
    await createPrivateFile(paths.database);
  }
  const readonly = options.readOnly ?? false;
  const connection = openConnection(paths.database, { readonly, ...(nativeBinding ? { nativeBinding } : {}) });
  try {
    if (readonly) await requireCurrentSchema(connection);
    else await migrateWithBackup(connection, paths);
  } catch (error) {
    await connection.close();
    throw error;
  }
  // A read-only view leaves the folder as it found it.
  if (readonly) return connection;
  return {
    ...connection,
    async close() {
      await connection.close();
      await stampCheckedDatabase(paths.checkStamp, paths.database, checkedAt);
    },
  };
}

/**
 * Opens a database whose integrity check must run, with the check in a worker on its own
 * read-only handle: the project is open at once, SQLite refuses every write until the check
 * passes (`query_only`), and writes wait for it meanwhile. A database that fails is never
 * written to; its refusal is the one an open would have given. Closing stamps the file only
 * after a check that passed.
 */
function openCheckingInBackground(paths: ProjectPaths, nativeBinding: string | undefined): CheckingConnection {
  const closedFirst = () => new ApiError('failed_precondition', 'The project was closed before its integrity check ended.');
  const running = checkIntegrityInWorker(paths.database, nativeBinding, closedFirst);
  let checkedAt: number | null = null;
  const checked = running.verdict.then(async (verdict) => {
    if (!verdict.ok) throw await refusal(paths, verdict);
    checkedAt = Date.now();
  });
  checked.catch(() => undefined);
  let connection: Connection;
  try {
    connection = openConnection(paths.database, { writesAfter: checked, ...(nativeBinding ? { nativeBinding } : {}) });
  } catch (error) {
    running.stop();
    throw error;
  }
  return {
    ...connection,
    checked,
    async close() {
      running.stop();
      await connection.close();
      if (checkedAt !== null) await stampCheckedDatabase(paths.checkStamp, paths.database, checkedAt);
    },
  };
}

async function isWritable(dir: string): Promise<boolean> {
  return access(dir, constants.W_OK).then(
    () => true,
    () => false,
  );
}

/**
 * SQLite reads a database kept in WAL mode only beside its shared-memory file, which it
 * cannot create in a folder it may not write: such a project can be read from a copy.
 */
function unreadableOnReadOnlyDisk(paths: ProjectPaths): ApiError {
  return new ApiError(
    'read_only',
    `${paths.database} is on a read-only disk or in a read-only folder, where its database cannot be opened, not even read-only. Copy the project folder to a writable place to look at it; nothing was changed.`,
  );
}

async function migrateWithBackup(connection: Connection, paths: ProjectPaths): Promise<void> {
  await migrate(connection.db, {
    backupPathFor: (fromVersion) => join(paths.backups, `concord-schema${fromVersion}-${new Date().toISOString().replace(/[:.]/g, '-')}.db`),
    backup: async (target) => {
      await mkdirPrivate(paths.backups);
      await createPrivateFile(target);
      await connection.sqlite.backup(target);
    },
  });
}

/** A read-only view cannot upgrade the schema, and reading an older one as the newest would misread it. */
async function requireCurrentSchema(connection: Connection): Promise<void> {
  const version = await schemaVersion(connection.db);
  const latest = MIGRATIONS.at(-1)!.version;
  if (version > latest) {
    throw new ApiError('failed_precondition', `This project was saved by a newer version of Concord (database schema ${version}). Update Concord to open it.`);
  }
  if (version < latest) {
    throw new ApiError(
      'failed_precondition',
      'This project needs a one-time upgrade by this version of Concord, which a read-only view cannot do. Open it normally once nothing else has it open.',
    );
  }
}

/** Why an existing file is not opened, in words a user can act on; the file's content is never quoted. */
async function refusal(paths: ProjectPaths, verdict: Exclude<DatabaseVerdict, { ok: true }>): Promise<ApiError> {
  const file = paths.database;
  switch (verdict.reason) {
    case 'empty':
      return new ApiError('failed_precondition', `${file} is an empty file, not a Concord project. Nothing was changed.`);
    case 'not-sqlite':
    case 'foreign':
      return new ApiError(
        'failed_precondition',
        `${file} is not a Concord database (it belongs to another application or is not a database at all). Nothing was changed.`,
      );
    case 'damaged': {
      const backup = await latestBackup(paths);
      const advice = backup
        ? `The latest copy is ${backup}: restore it to go on (the damaged file is kept in ${paths.backups}; work saved since that copy is not in it).`
        : `There is no copy in ${paths.backups}; restore the folder from a backup of your own.`;
      return new ApiError('damaged', `${file} is damaged (SQLite's integrity check failed), so Concord does not open it. ${advice}`);
    }
  }
}

/** How a damaged database set aside in `backups/` is named, before its date. */
export const DAMAGED_PREFIX = 'concord-damaged-';

/** The newest database copy in the project's `backups/` folder, if there is one. */
export async function latestBackup(paths: ProjectPaths): Promise<string | null> {
  const names = await readdir(paths.backups).catch(() => [] as string[]);
  let newest: { path: string; mtime: number } | null = null;
  // Damaged databases set aside by a restore are kept there too, but are no copy to go back to.
  for (const name of names.filter((n) => n.endsWith('.db') && !n.startsWith(DAMAGED_PREFIX))) {
    const path = join(paths.backups, name);
    const info = await stat(path).catch(() => null);
    if (info?.isFile() && (!newest || info.mtimeMs > newest.mtime)) newest = { path, mtime: info.mtimeMs };
  }
  return newest?.path ?? null;
}
