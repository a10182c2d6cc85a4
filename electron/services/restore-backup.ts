import { existsSync } from 'node:fs';
import { copyFile, rename, rm, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { ApiError } from '../../shared/api/errors';
import type { BackupSummary, ProjectSummary } from '../../shared/domain/project';
import { openConnection } from '../db/connection';
import { inspectDatabase } from '../db/inspect-database';
import { countRows } from '../db/queries/project';
import type { ServiceContext } from './hosting/context';
import { DAMAGED_PREFIX, hasProjectDatabase, latestBackup, projectPaths, type ProjectPaths } from './project-folder';
import { acquireProjectLock } from './project-lock';
import { openProject } from './projects';

/**
 * Puts the latest copy from `backups/` in place of a damaged database and opens the
 * project. Only a database that fails the integrity check is replaced, and it is kept
 * beside the backups (with its WAL), never deleted: it may still hold work worth rescuing.
 */
export async function restoreLatestBackup(ctx: ServiceContext, arg: { dir: string }): Promise<ProjectSummary> {
  const paths = existingProject(arg.dir);
  const verdict = inspectDatabase(paths.database, ctx.options.nativeBinding);
  if (verdict.ok || verdict.reason !== 'damaged') {
    throw new ApiError('failed_precondition', `${paths.database} is not damaged, so it is not replaced by a backup.`);
  }
  const backup = await soundLatestBackup(ctx, paths);
  if (!backup) throw new ApiError('failed_precondition', `There is no copy in ${paths.backups}; restore the folder from a backup of your own.`);

  const lock = ctx.options.hostKind === 'cli' ? null : acquireProjectLock(paths.lock, ctx.options.hostKind);
  const incoming = `${paths.database}.restoring`;
  try {
    // Copied beside it first, so a failed copy (a full disk) leaves the damaged file where it was.
    await copyFile(backup, incoming);
    const aside = join(paths.backups, `${DAMAGED_PREFIX}${new Date().toISOString().replace(/[:.]/g, '-')}.db`);
    for (const suffix of ['-wal', '-shm']) {
      if (existsSync(paths.database + suffix)) await rename(paths.database + suffix, aside + suffix);
    }
    await rename(paths.database, aside);
    await rename(incoming, paths.database);
  } finally {
    await rm(incoming, { force: true });
    lock?.release();
  }
  return openProject(ctx, { dir: paths.dir });
}

/**
 * What restoring would bring back: when the latest copy was made and how much it holds, so
 * the person deciding sees what work since then they would give up. Null without a copy.
 */
export async function latestBackupSummary(ctx: ServiceContext, arg: { dir: string }): Promise<BackupSummary | null> {
  const backup = await soundLatestBackup(ctx, existingProject(arg.dir));
  if (!backup) return null;
  const { mtime } = await stat(backup);
  const nativeBinding = ctx.options.nativeBinding;
  const copy = openConnection(backup, { readonly: true, ...(nativeBinding ? { nativeBinding } : {}) });
  try {
    return {
      file: backup,
      madeAt: mtime.toISOString(),
      sampleCount: await countRows(copy.db, 'sample'),
      revisionCount: await countRows(copy.db, 'annotation_revision'),
    };
  } finally {
    await copy.close();
  }
}

function existingProject(dir: string): ProjectPaths {
  const paths = projectPaths(resolve(dir));
  if (!hasProjectDatabase(paths.dir)) throw new ApiError('not_found', `No Concord project in ${paths.dir} (there is no concord.db).`);
  return paths;
}

/** The latest copy in backups/, checked like the database itself: a copy that is not sound is no way back. */
async function soundLatestBackup(ctx: ServiceContext, paths: ProjectPaths): Promise<string | null> {
  const backup = await latestBackup(paths);
  if (!backup) return null;
  const verdict = inspectDatabase(backup, ctx.options.nativeBinding);
  if (!verdict.ok) {
    const what = verdict.reason === 'damaged' ? 'is damaged' : 'is not a Concord database';
    throw new ApiError('failed_precondition', `The latest copy, ${backup}, ${what}; restore the folder from a backup of your own.`);
  }
  return backup;
}
