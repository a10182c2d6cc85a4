import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { openConnection, type Connection } from '../db/connection';
import { migrate } from '../db/migrate';
import { createPrivateFile, mkdirPrivate } from '../fs/private-files';
import { ApiError } from '../../shared/api/errors';

/** Where a project keeps each thing inside its folder. */
export interface ProjectPaths {
  dir: string;
  database: string;
  /** Media copied into the project (import with "copy media"). */
  media: string;
  thumbnails: string;
  backups: string;
}

export const DATABASE_FILE = 'concord.db';

export function projectPaths(dir: string): ProjectPaths {
  return {
    dir,
    database: join(dir, DATABASE_FILE),
    media: join(dir, 'media'),
    thumbnails: join(dir, 'cache', 'thumbnails'),
    backups: join(dir, 'backups'),
  };
}

export function hasProjectDatabase(dir: string): boolean {
  return existsSync(join(dir, DATABASE_FILE));
}

/**
 * Opens (creating when asked) a project's database and migrates it to this build's
 * schema, backing up the old file first so a bad migration can be undone by hand.
 */
export async function openProjectDatabase(paths: ProjectPaths, nativeBinding?: string): Promise<Connection> {
  await mkdirPrivate(paths.dir);
  await createPrivateFile(paths.database);
  let connection: Connection;
  try {
    connection = openConnection(paths.database, nativeBinding ? { nativeBinding } : {});
  } catch (error) {
    throw unreadableDatabase(paths, error);
  }
  try {
    await migrate(connection.db, {
      backupPathFor: (fromVersion) => join(paths.backups, `concord-schema${fromVersion}-${new Date().toISOString().replace(/[:.]/g, '-')}.db`),
      backup: async (target) => {
        await mkdirPrivate(paths.backups);
        await createPrivateFile(target);
        await connection.sqlite.backup(target);
      },
    });
  } catch (error) {
    await connection.close();
    throw unreadableDatabase(paths, error);
  }
  return connection;
}

/** SQLite's own words ("file is not a database") mean little to a user; say which file and what to do. */
function unreadableDatabase(paths: ProjectPaths, error: unknown): unknown {
  const code = (error as { code?: string }).code;
  if (code === 'SQLITE_NOTADB' || code === 'SQLITE_CORRUPT') {
    return new ApiError(
      'failed_precondition',
      `${paths.database} is damaged or is not a Concord database. Restore it from ${paths.backups} or a backup of your own.`,
    );
  }
  return error;
}
