import { opendir } from 'node:fs/promises';
import { extname, join, relative, sep } from 'node:path';
import type { MediaKind } from '../../../shared/domain/sample';
import { mediaKindOfPath } from '../../media/mime';
import type { ImportCandidate, ScanResult } from './candidate';

/**
 * Walks a folder recursively for media. Hidden files and folders (dot-names) are passed
 * over silently; any other file that is not media of the project's kind is reported, so a
 * user sees why a file they expected is missing.
 */
export async function scanFolder(root: string, kind: MediaKind, signal?: AbortSignal, skipDir?: string): Promise<ScanResult> {
  const candidates: ImportCandidate[] = [];
  const problems: ScanResult['problems'] = [];
  const pending = [root];
  while (pending.length > 0) {
    signal?.throwIfAborted();
    const dir = pending.pop()!;
    let handle;
    try {
      handle = await opendir(dir);
    } catch (error) {
      problems.push({ path: dir, reason: `cannot read folder: ${(error as NodeJS.ErrnoException).code ?? String(error)}` });
      continue;
    }
    const entries = [];
    for await (const entry of handle) entries.push(entry);
    entries.sort((a, b) => a.name.localeCompare(b.name));
    for (const entry of entries) {
      if (entry.name.startsWith('.')) continue;
      const path = join(dir, entry.name);
      if (entry.isDirectory()) {
        if (path !== skipDir) pending.push(path);
        continue;
      }
      if (!entry.isFile()) continue;
      const displayName = relative(root, path).split(sep).join('/');
      const fileKind = mediaKindOfPath(path);
      if (fileKind === kind) candidates.push({ path, displayName, tags: [], metadata: {} });
      else if (fileKind === null) problems.push({ path, reason: `unsupported file type ${extname(path).toLowerCase() || '(no extension)'}` });
      else problems.push({ path, reason: `${fileKind} file in ${kind === 'image' ? 'an image' : 'an audio'} project` });
    }
  }
  // Walk order depends on the stack; sorting gives the same sample order on every machine.
  candidates.sort((a, b) => a.displayName.localeCompare(b.displayName));
  return { candidates, problems };
}
