import type { Dirent } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { extname, join, relative, sep } from 'node:path';
import type { MediaKind } from '../../../shared/domain/sample';
import { mediaKindOfPath } from '../../media/mime';
import { NO_METADATA, NO_TAGS, type ImportCandidate, type ScanResult } from './candidate';

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Walks a folder recursively for media. Every entry that is not imported is listed with the
 * reason, so a user sees why a file they expected is missing: hidden files and folders
 * (dot-names), symbolic links (not followed: the file they point to may lie anywhere),
 * FIFOs, sockets and devices, names that are not valid UTF-8, and files that are not media
 * of the project's kind.
 */
export async function scanFolder(root: string, kind: MediaKind, signal?: AbortSignal, skipDir?: string): Promise<ScanResult> {
  const candidates: ImportCandidate[] = [];
  const problems: ScanResult['problems'] = [];
  const pending = [root];
  while (pending.length > 0) {
    signal?.throwIfAborted();
    const dir = pending.pop()!;
    let entries: Dirent<Buffer>[];
    try {
      // Names as bytes: a name that is not UTF-8 would otherwise come back with U+FFFD in it,
      // naming a file that does not exist.
      entries = await readdir(dir, { withFileTypes: true, encoding: 'buffer' });
    } catch (error) {
      problems.push({ path: dir, reason: `cannot read folder: ${(error as NodeJS.ErrnoException).code ?? String(error)}` });
      continue;
    }
    const named = entries.map((entry) => ({ entry, name: utf8Name(entry.name) }));
    named.sort((a, b) => (a.name ?? a.entry.name.toString()).localeCompare(b.name ?? b.entry.name.toString()));
    for (const { entry, name } of named) {
      if (name === null) {
        // Node opens paths by their UTF-8 text, and samples store them as text: such a name
        // cannot be kept, so say so plainly rather than fail later with "file not found".
        const shown = join(dir, entry.name.toString('utf8'));
        const what = entry.isDirectory() ? 'folder (nothing in it was imported)' : 'file';
        problems.push({
          path: shown,
          reason: `the ${what} has a name that is not valid UTF-8 (shown with �), which Concord cannot store: rename it and import again`,
        });
        continue;
      }
      const path = join(dir, name);
      const skipped = skipReason(entry, name);
      if (skipped !== null) {
        problems.push({ path, reason: skipped });
        continue;
      }
      if (entry.isDirectory()) {
        if (path !== skipDir) pending.push(path);
        continue;
      }
      const displayName = relative(root, path).split(sep).join('/');
      const fileKind = mediaKindOfPath(path);
      if (fileKind === kind) candidates.push({ path, displayName, tags: NO_TAGS, metadata: NO_METADATA });
      else if (fileKind === null) problems.push({ path, reason: `unsupported file type ${extname(path).toLowerCase() || '(no extension)'}` });
      else problems.push({ path, reason: `${fileKind} file in ${kind === 'image' ? 'an image' : 'an audio'} project` });
    }
  }
  // Walk order depends on the stack; sorting gives the same sample order on every machine.
  candidates.sort((a, b) => a.displayName.localeCompare(b.displayName));
  return { candidates, problems };
}

/** Why an entry is passed over, or null for a regular file or folder to look at. */
function skipReason(entry: Dirent<Buffer>, name: string): string | null {
  const what = entry.isDirectory() ? 'folder' : 'file';
  if (name.startsWith('.')) return `hidden ${what} (its name starts with a dot)${what === 'folder' ? ', not searched' : ''}`;
  if (entry.isSymbolicLink()) return 'symbolic link, not followed: import the file or folder it points to instead';
  if (entry.isFIFO()) return 'not a regular file (a FIFO)';
  if (entry.isSocket()) return 'not a regular file (a socket)';
  if (entry.isBlockDevice() || entry.isCharacterDevice()) return 'not a regular file (a device)';
  return entry.isDirectory() || entry.isFile() ? null : 'not a regular file';
}

function utf8Name(bytes: Buffer): string | null {
  try {
    return strictUtf8.decode(bytes);
  } catch {
    return null;
  }
}
