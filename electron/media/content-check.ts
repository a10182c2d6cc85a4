import { stat } from 'node:fs/promises';
import { sha256File } from './hash';

/** Enough for every sample a session opens; older entries are dropped first. */
const MAX_REMEMBERED = 10_000;

/** Hashes by path, size and mtime: a file is hashed again only when it changed. */
const hashes = new Map<string, Promise<string>>();

/**
 * Whether the file at `path` still holds the content a sample was imported with. Hashing
 * happens on first use and whenever the size or modification time changed since; a file
 * of the wrong size is refused without reading it. Concurrent checks of one file (an
 * audio element's range requests) share one hashing.
 */
export async function hasSampleContent(path: string, expected: { sha256: string; byteSize: number }): Promise<boolean> {
  const info = await stat(path).catch(() => null);
  if (!info?.isFile() || info.size !== expected.byteSize) return false;
  const key = `${path}\0${info.size}\0${info.mtimeMs}`;
  let hash = hashes.get(key);
  if (!hash) {
    hash = sha256File(path);
    hashes.set(key, hash);
    hash.catch(() => hashes.delete(key));
    if (hashes.size > MAX_REMEMBERED) hashes.delete(hashes.keys().next().value!);
  }
  return (await hash.catch(() => null)) === expected.sha256;
}
