import { open, rename, rm, type FileHandle } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/**
 * Replaces a file's contents so that a reader (or a crash) sees either the old file or
 * the new one, never half of each: write a sibling temp file, flush it, rename over.
 */
export async function writeFileAtomic(path: string, contents: string | Uint8Array): Promise<void> {
  await writeFileAtomicWith(path, (handle) => handle.writeFile(contents));
}

/**
 * As {@link writeFileAtomic}, the contents written by `write` into the temp file's handle: a large
 * file is written a part at a time, never held whole in memory.
 */
export async function writeFileAtomicWith(path: string, write: (handle: FileHandle) => Promise<void>): Promise<void> {
  const temp = join(dirname(path), `.${basename(path)}.${process.pid}.${Date.now()}.tmp`);
  const handle = await open(temp, 'w');
  try {
    await write(handle);
    await handle.sync();
  } catch (error) {
    await handle.close();
    await rm(temp, { force: true });
    throw error;
  }
  await handle.close();
  try {
    await rename(temp, path);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}
