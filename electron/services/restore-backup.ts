import { existsSync } from 'node:fs';
import { copyFile, rename, rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { ApiError } from '../../shared/api/errors';
import type { ProjectSummary } from '../../shared/domain/project';
import { inspectDatabase } from '../db/inspect-database';
import type { ServiceContext } from './hosting/context';
import { DAMAGED_PREFIX, hasProjectDatabase, latestBackup, projectPaths } from './project-folder';
import { acquireProjectLock } from './project-lock';
import { openProject } from './projects';

/**
 * Puts the latest copy from `backups/` in place of a damaged database and opens the
 * project. Only a database that fails the integrity check is replaced, and it is kept
 * beside the backups (with its WAL), never deleted: it may still hold work worth rescuing.
 */
export async function restoreLatestBackup(ctx: ServiceContext, arg: { dir: string }): Promise<ProjectSummary> {
  const paths = projectPaths(resolve(arg.dir));
  if (!hasProjectDatabase(paths.dir)) throw new ApiError('not_found', `No Concord project in ${paths.dir} (there is no concord.db).`);
  const verdict = inspectDatabase(paths.database, ctx.options.nativeBinding);
  if (verdict.ok || verdict.reason !== 'damaged') {
    throw new ApiError('failed_precondition', `${paths.database} is not damaged, so it is not replaced by a backup.`);
  }
  const backup = await latestBackup(paths);
  if (!backup) throw new ApiError('failed_precondition', `There is no copy in ${paths.backups}; restore the folder from a backup of your own.`);
  if (!inspectDatabase(backup, ctx.options.nativeBinding).ok) {
    throw new ApiError('failed_precondition', `The latest copy, ${backup}, is damaged too; restore the folder from a backup of your own.`);
  }

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
