import { readdir } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { ZipFile } from 'yazl';

/** Media that are compressed already: deflating them again costs time and saves nothing. */
const STORED = /\.(jpe?g|png|gif|webp|mp3|ogg|opus|flac|m4a|zip)$/i;

/** Regular files (0644) and folders (0755) in every entry, whatever the folder's private modes were on disk. */
const FILE_MODE = 0o100644;
const FOLDER_MODE = 0o40755;

/**
 * A folder as a zip stream, read from disk file by file as the stream is consumed, so memory
 * stays flat for any size. Entries sit under `top/` in a sorted order and carry `mtime`, so the
 * same folder zips to the same bytes. Links are followed: the zip holds the files themselves.
 *
 * @example
 *   const zip = await zipFolder('/tmp/export/coco', 'shapes-v3-coco', new Date('2026-12-01'));
 *   zip.pipe(response);
 */
export async function zipFolder(folder: string, top: string, mtime: Date): Promise<NodeJS.ReadableStream> {
  const entries = await readdir(folder, { recursive: true, withFileTypes: true });
  const paths = entries.map((entry) => ({ path: relative(folder, join(entry.parentPath, entry.name)), folder: entry.isDirectory() }));
  paths.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const zip = new ZipFile();
  for (const { path, folder: isFolder } of paths) {
    const name = `${top}/${path.split(sep).join('/')}`;
    // Folders are entries too: an empty split stays in the layout readers expect.
    if (isFolder) zip.addEmptyDirectory(name, { mtime, mode: FOLDER_MODE });
    else zip.addFile(join(folder, path), name, { mtime, mode: FILE_MODE, compress: !STORED.test(path) });
  }
  zip.end();
  return zip.outputStream;
}
