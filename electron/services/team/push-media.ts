import { copyFile, rename, rm, stat } from 'node:fs/promises';
import { dirname, isAbsolute, join, relative, sep } from 'node:path';
import { ApiError } from '../../../shared/api/errors';
import { makePrivate, mkdirPrivate } from '../../fs/private-files';
import { hasSampleContent } from '../../media/content-check';
import { sha256File } from '../../media/hash';
import type { TableRow } from '../../db/table-copy';
import { projectCopyPath } from '../imports/copy-media';
import type { MediaLocator } from '../media-roots';
import { projectPaths } from '../project-folder';

/** The sample columns the media copy reads. */
interface SampleMedia {
  id: number;
  display_name: string;
  media_path: string;
  sha256: string;
  byte_size: number;
}

/** Media copied into a server's media root: each sample's new path there, and the files this copy made. */
export interface CopiedMedia {
  pathOf: Map<number, string>;
  created: string[];
}

/** How many unusable samples a refusal names before it says "and N more". */
const NAMED_PROBLEMS = 5;

/**
 * Copies every sample's media file into the media root, named by content hash as an import
 * with "copy media" names them, so the server finds them relative to its root. A file is
 * read only where the project may serve it from (its media roots on this computer) and is
 * copied only if its bytes are still those the sample was imported with; the copy itself is
 * hashed before it takes its name. A sample whose file is missing, moved or changed stops
 * the whole copy, naming it: a pushed project would otherwise have samples no one can label.
 */
export async function copyMediaInto(mediaRoot: string, projectDir: string, locator: MediaLocator, samples: readonly TableRow[]): Promise<CopiedMedia> {
  const target = projectPaths(mediaRoot);
  const copied: CopiedMedia = { pathOf: new Map(), created: [] };
  const problems: string[] = [];
  try {
    for (const row of samples as unknown as SampleMedia[]) {
      const source = locator.locate(isAbsolute(row.media_path) ? row.media_path : join(projectDir, row.media_path));
      if (source === null || !(await hasSampleContent(source, { sha256: row.sha256, byteSize: row.byte_size }))) {
        problems.push(`sample ${row.id} ("${row.display_name}"): its media file is missing, outside the project's media folders, or changed since import`);
        continue;
      }
      const path = projectCopyPath(target, source, row.sha256);
      if (await copyVerified(source, path, row)) copied.created.push(path);
      copied.pathOf.set(row.id, relative(target.dir, path).split(sep).join('/'));
    }
  } catch (error) {
    await removeFiles(copied.created);
    throw error;
  }
  if (problems.length > 0) {
    await removeFiles(copied.created);
    const more = problems.length > NAMED_PROBLEMS ? `; and ${problems.length - NAMED_PROBLEMS} more` : '';
    throw new ApiError(
      'failed_precondition',
      `Nothing was pushed: ${problems.slice(0, NAMED_PROBLEMS).join('; ')}${more}. Re-link the media in the app (or remove those samples) and push again.`,
    );
  }
  return copied;
}

/** Removes the files a failed copy made (never one that was already in the media root). */
export async function removeFiles(paths: readonly string[]): Promise<void> {
  for (const path of paths) await rm(path, { force: true });
}

/** Copies `source` to `path` unless the same content is there already; returns whether it made the file. */
async function copyVerified(source: string, path: string, sample: SampleMedia): Promise<boolean> {
  if (await stat(path).catch(() => null)) {
    if (await hasSampleContent(path, { sha256: sample.sha256, byteSize: sample.byte_size })) return false;
    throw new ApiError('failed_precondition', `${path} is already in the media root with other content than sample ${sample.id}'s; nothing was pushed.`);
  }
  await mkdirPrivate(dirname(path));
  const temp = `${path}.${process.pid}.part`;
  try {
    await copyFile(source, temp);
    // The source could change between its check and the copy: the copy is what the server will serve.
    if ((await sha256File(temp)) !== sample.sha256) {
      throw new ApiError('failed_precondition', `The media file of sample ${sample.id} changed while it was copied; nothing was pushed. Push again.`);
    }
    await makePrivate(temp);
    await rename(temp, path);
    return true;
  } finally {
    await rm(temp, { force: true });
  }
}
