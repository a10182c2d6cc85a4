import { realpathSync, statSync } from 'node:fs';
import { realpath } from 'node:fs/promises';
import { dirname, sep } from 'node:path';
import { ApiError } from '../../shared/api/errors';
import type { AppSettings } from './app-settings';
import type { OpenProject } from './hosting/context';

/**
 * Where a project's media may be served from: its own `media/` folder, and the folders
 * the user of this machine imported or re-linked its media from. Those folders are kept
 * in the app settings, not in the project, because a project folder may come from
 * someone else: a crafted database that points a sample at `/etc/passwd` or
 * `../../secret` finds that path outside every root and is refused. Paths are compared
 * after resolving symlinks, so a link inside a root that points out of it is refused too.
 */
export interface MediaLocator {
  /** The real path of the file at `path` when it lies inside a root, else null. */
  locate(path: string): string | null;
  /** The same, throwing the file system's error for a missing file and a short reason for one outside the roots. */
  require(path: string): string;
}

/**
 * A file of the project's own caches (thumbnails, peaks, renditions), when it exists and (after
 * symlinks) lies inside the project folder. No media root is read for it: a grid of thumbnails
 * asks for one per card.
 */
export async function projectCacheFile(project: Pick<OpenProject, 'paths'>, path: string): Promise<string | null> {
  try {
    const [projectDir, real] = await Promise.all([realpath(project.paths.dir), realpath(path)]);
    return isInside(real, projectDir) ? real : null;
  } catch {
    return null;
  }
}

/** The project's media locator; a project without a connection is a local folder read directly (as `concord push` reads it). */
export async function mediaLocator(
  settings: AppSettings,
  project: Pick<OpenProject, 'paths'> & { connection?: Pick<OpenProject['connection'], 'engine'> },
): Promise<MediaLocator> {
  const projectDir = await realpath(project.paths.dir);
  const roots = project.connection?.engine === 'postgres' ? [projectDir] : await localRoots(settings, project, projectDir);
  const require = (path: string): string => {
    const real = realpathSync(path);
    if (!roots.some((root) => isInside(real, root))) throw new Error("outside the project's media folders (re-link it to serve it)");
    if (!statSync(real).isFile()) throw new Error('not a file');
    return real;
  };
  return {
    locate(path) {
      try {
        return require(path);
      } catch {
        return null;
      }
    },
    require,
  };
}

/**
 * A team server's media root is its project folder: media are imported into it or referenced
 * inside it, and nothing outside it is served, whatever this machine's settings trust.
 */
async function localRoots(settings: AppSettings, project: Pick<OpenProject, 'paths'>, projectDir: string): Promise<string[]> {
  const ownMedia = await realpath(project.paths.media).catch(() => null);
  return [...(ownMedia ? [ownMedia] : []), ...(await settings.mediaRoots(projectDir))];
}

/** Trusts the folders holding `files` (after symlinks) for the project's in-place media. */
export async function trustMediaFiles(settings: AppSettings, project: OpenProject, files: string[]): Promise<void> {
  if (project.connection.engine === 'postgres') return requireInMediaRoot(project, files);
  const folders = await Promise.all(files.map((file) => realpath(file).then(dirname, () => null)));
  await trustFolders(settings, project, folders);
}

/** A team server trusts no folder but its media root: media referenced in place must already lie inside it. */
async function requireInMediaRoot(project: OpenProject, files: string[]): Promise<void> {
  const root = await realpath(project.paths.dir);
  for (const file of files) {
    const real = await realpath(file).catch(() => file);
    if (!isInside(real, root)) {
      throw new ApiError(
        'invalid_argument',
        `${file} lies outside the server's media root ${project.paths.dir}, which is the only folder it serves media from. Import with "copy media", or move the files into the media root first. Nothing was imported from this batch.`,
      );
    }
  }
}

/** Trusts whole folders (an imported or re-linked folder) for the project's in-place media. */
export async function trustMediaFolders(settings: AppSettings, project: Pick<OpenProject, 'paths'>, folders: string[]): Promise<void> {
  await trustFolders(settings, project, await Promise.all(folders.map((folder) => realpath(folder).catch(() => null))));
}

async function trustFolders(settings: AppSettings, project: Pick<OpenProject, 'paths'>, realFolders: Array<string | null>): Promise<void> {
  const projectDir = await realpath(project.paths.dir);
  const known = await settings.mediaRoots(projectDir);
  const fresh = [...new Set(realFolders)].filter((folder): folder is string => folder !== null && !known.some((root) => isInside(folder, root)));
  // Most import batches add nothing new: skip the settings write then.
  if (fresh.length === 0) return;
  await settings.updateMediaRoots(projectDir, (roots) => outermost([...roots, ...fresh]));
}

/** Drops folders inside another of the list, so the list stays as short as the choices made. */
function outermost(folders: string[]): string[] {
  const unique = [...new Set(folders)];
  return unique.filter((folder) => !unique.some((other) => other !== folder && isInside(folder, other)));
}

function isInside(path: string, root: string): boolean {
  return path === root || path.startsWith(root.endsWith(sep) ? root : root + sep);
}
