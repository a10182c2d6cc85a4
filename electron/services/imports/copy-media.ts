import { copyFile, rename, rm, stat } from 'node:fs/promises';
import { dirname, extname, join, relative, sep } from 'node:path';
import { makePrivate, mkdirPrivate } from '../../fs/private-files';
import type { ProjectPaths } from '../project-folder';

/**
 * Copies a media file into the project, named by its content hash so the same bytes are
 * stored once. Returns the path relative to the project folder, which is what the
 * database keeps for copied media (the project folder can then move as a whole).
 */
export async function copyIntoProject(paths: ProjectPaths, source: string, sha256: string): Promise<string> {
  const target = projectCopyPath(paths, source, sha256);
  const folder = dirname(target);
  const already = await stat(target).catch(() => null);
  if (!already) {
    await mkdirPrivate(folder);
    const temp = `${target}.${process.pid}.part`;
    try {
      await copyFile(source, temp);
      await makePrivate(temp);
      await rename(temp, target);
    } catch (error) {
      await rm(temp, { force: true });
      throw error;
    }
  }
  return relative(paths.dir, target).split(sep).join('/');
}

/** Where `copyIntoProject` keeps the copy of `source`, whose content hash is `sha256`. */
export function projectCopyPath(paths: ProjectPaths, source: string, sha256: string): string {
  return join(paths.media, sha256.slice(0, 2), `${sha256}${extname(source).toLowerCase()}`);
}
