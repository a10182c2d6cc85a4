import { existsSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { dirname } from 'node:path';
import { z } from 'zod';
import { writeFileAtomic } from '../fs/atomic-write';
import { makePrivate, mkdirPrivate } from '../fs/private-files';

/**
 * SQLite's integrity check reads every page: 1–2 s for a 500 MB project, the most of opening
 * one. A database that passed it and was then changed by Concord alone, through SQLite, and
 * closed cleanly is as sound as it was, so closing it leaves a stamp of the file as it stands
 * (`cache/database-checked.json`); the next open skips the check when the file is still exactly
 * that one. Anything else that touches the file (a copy, a tool, a torn write, the damage a test
 * makes) changes its size, modification or status-change time, or leaves a write-ahead log
 * behind, and the check runs again. So does a stamp older than `RECHECK_AFTER_MS`: damage a
 * failing disk does to pages nobody wrote is found within that time. Deleting the stamp only
 * costs one full check.
 */
export const RECHECK_AFTER_MS = 7 * 24 * 60 * 60 * 1000;

const stampSchema = z.object({
  format: z.literal(1),
  file: z.object({ size: z.string(), mtimeNs: z.string(), ctimeNs: z.string(), ino: z.string() }),
  /** When SQLite's integrity check last ran and passed on this file (ms since the epoch). */
  checkedAt: z.number().int().nonnegative(),
});
type FileIdentity = z.infer<typeof stampSchema>['file'];

/** The file as the kernel sees it: what anything writing to it, or replacing it, changes. */
async function identityOf(database: string): Promise<FileIdentity> {
  const info = await stat(database, { bigint: true });
  return { size: String(info.size), mtimeNs: String(info.mtimeNs), ctimeNs: String(info.ctimeNs), ino: String(info.ino) };
}

/** A write-ahead log with anything in it holds changes the stamp never saw. */
function hasWriteAheadLog(database: string): boolean {
  return existsSync(`${database}-wal`);
}

/**
 * When the integrity check last passed on `database` as it is now, per its stamp; null when the
 * check must run (no stamp, a damaged or foreign one, a file changed since, a log left behind,
 * or a check too long ago). A stamp is read as untrusted input: anything malformed means "check".
 */
export async function checkedAtFromStamp(stampFile: string, database: string, now: number): Promise<number | null> {
  if (hasWriteAheadLog(database)) return null;
  const text = await readFile(stampFile, 'utf8').catch(() => null);
  if (text === null) return null;
  let parsed;
  try {
    parsed = stampSchema.safeParse(JSON.parse(text));
  } catch {
    return null;
  }
  if (!parsed.success) return null;
  const { file, checkedAt } = parsed.data;
  if (checkedAt > now || now - checkedAt > RECHECK_AFTER_MS) return null;
  const current = await identityOf(database).catch(() => null);
  if (!current || current.size !== file.size || current.mtimeNs !== file.mtimeNs || current.ctimeNs !== file.ctimeNs || current.ino !== file.ino) return null;
  return checkedAt;
}

/**
 * Stamps `database` as sound after this process closed it, carrying when the check last ran.
 * Only a clean last close leaves no log: another connection still open (the CLI beside the app)
 * leaves one, and then no stamp is written. A stamp that cannot be written (a full or read-only
 * disk) is no loss: the next open checks.
 */
export async function stampCheckedDatabase(stampFile: string, database: string, checkedAt: number): Promise<void> {
  if (hasWriteAheadLog(database)) return;
  try {
    const stamp = { format: 1, file: await identityOf(database), checkedAt } satisfies z.infer<typeof stampSchema>;
    await mkdirPrivate(dirname(stampFile));
    await writeFileAtomic(stampFile, JSON.stringify(stamp));
    await makePrivate(stampFile);
  } catch (error) {
    console.warn(`[open] could not keep the integrity stamp: ${(error as NodeJS.ErrnoException).code ?? 'unknown error'}`);
  }
}
