import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { openConnection, type Connection } from '../db/connection';
import { migrate } from '../db/migrate';

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
  await mkdir(paths.dir, { recursive: true });
  const connection = openConnection(paths.database, nativeBinding ? { nativeBinding } : {});
  try {
    await migrate(connection.db, {
      backupPathFor: (fromVersion) => join(paths.backups, `concord-schema${fromVersion}-${new Date().toISOString().replace(/[:.]/g, '-')}.db`),
      backup: async (target) => {
        await mkdir(paths.backups, { recursive: true });
        await connection.sqlite.backup(target);
      },
    });
  } catch (error) {
    await connection.close();
    throw error;
  }
  return connection;
}
