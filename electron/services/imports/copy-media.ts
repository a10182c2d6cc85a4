import { copyFile, rename, rm, stat } from 'node:fs/promises';
import { extname, join, relative, sep } from 'node:path';
import { makePrivate, mkdirPrivate } from '../../fs/private-files';
import type { ProjectPaths } from '../project-folder';

/**
 * Copies a media file into the project, named by its content hash so the same bytes are
 * stored once. Returns the path relative to the project folder, which is what the
 * database keeps for copied media (the project folder can then move as a whole).
 */
export async function copyIntoProject(paths: ProjectPaths, source: string, sha256: string): Promise<string> {
  const folder = join(paths.media, sha256.slice(0, 2));
  const target = join(folder, `${sha256}${extname(source).toLowerCase()}`);
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
