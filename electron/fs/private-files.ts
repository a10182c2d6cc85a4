import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { chmod, mkdir, open, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';

/**
 * A project holds other people's work and media: its folders and files are created
 * readable by their owner only. Modes are set with chmod after creating, because the mode
 * given to mkdir or open is filtered by the process umask and so proves nothing. Where the
 * OS has no POSIX modes (Windows) chmod only toggles read-only and these are harmless.
 */
export const PRIVATE_DIR_MODE = 0o700;
export const PRIVATE_FILE_MODE = 0o600;

/** `mkdir -p`, each folder it creates (not those that existed) owner-only. */
export async function mkdirPrivate(path: string): Promise<void> {
  const first = await mkdir(path, { recursive: true, mode: PRIVATE_DIR_MODE });
  if (first === undefined) return;
  for (let dir = path; ; dir = dirname(dir)) {
    await chmod(dir, PRIVATE_DIR_MODE);
    if (dir === first || dirname(dir) === dir) return;
  }
}

/**
 * `mkdirPrivate` without the thread-pool round trips: for workers that create many files, where
 * each asynchronous call costs more than the work it does.
 */
export function mkdirPrivateSync(path: string): void {
  const first = mkdirSync(path, { recursive: true, mode: PRIVATE_DIR_MODE });
  if (first === undefined) return;
  for (let dir = path; ; dir = dirname(dir)) {
    chmodSync(dir, PRIVATE_DIR_MODE);
    if (dir === first || dirname(dir) === dir) return;
  }
}

/** Makes a file this process just wrote owner-only (a copy takes its source's mode, a library's output the umask's). */
export async function makePrivate(path: string): Promise<void> {
  await chmod(path, PRIVATE_FILE_MODE);
}

/** `writeFile` of a new owner-only file. */
export async function writePrivateFile(path: string, data: string | Uint8Array): Promise<void> {
  await writeFile(path, data, { mode: PRIVATE_FILE_MODE });
  await makePrivate(path);
}

/** `writePrivateFile` without the thread-pool round trips (see `mkdirPrivateSync`); `wx`: never over an existing file. */
export function writeNewPrivateFileSync(path: string, data: Uint8Array): void {
  writeFileSync(path, data, { mode: PRIVATE_FILE_MODE, flag: 'wx' });
  chmodSync(path, PRIVATE_FILE_MODE);
}

/**
 * Creates an empty owner-only file unless one exists. SQLite gives a database's `-wal`
 * and `-shm` files the mode of the database file, so a database created into this file
 * is private with all its parts from its first byte.
 */
export async function createPrivateFile(path: string): Promise<void> {
  let handle;
  try {
    handle = await open(path, 'wx', PRIVATE_FILE_MODE);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return;
    throw error;
  }
  await handle.close();
  await makePrivate(path);
}
