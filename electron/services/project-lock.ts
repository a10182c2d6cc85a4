import { randomUUID } from 'node:crypto';
import { chmodSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { PRIVATE_FILE_MODE } from '../fs/private-files';
import { hostname } from 'node:os';
import { z } from 'zod';
import { ApiError } from '../../shared/api/errors';
import type { HostKind } from './hosting/host';

/** What the lock file says: who has the project open, so a second app can tell the user. */
const lockSchema = z.object({
  pid: z.number().int().positive(),
  /** When that process started (Linux clock ticks since boot), so a pid reused after a crash is not taken for the holder. */
  started: z.string().nullable().optional(),
  host: z.string(),
  app: z.string(),
  token: z.string(),
  since: z.string(),
});
type LockRecord = z.infer<typeof lockSchema>;

/** A held lock; `release` removes the file only while it is still this holder's. */
export interface ProjectLock {
  release(): void;
}

const APP_NAMES: Record<HostKind, string> = { electron: 'the Concord app', web: 'a Concord web server', cli: 'a concord command' };

/**
 * Takes the lock that keeps two apps (or servers) from editing one project at once. The
 * file names the process that holds it; it is cleared when that process is gone, so a
 * crash never leaves a project locked. (SQLite already keeps each write whole: this lock
 * is about two people unknowingly working on the same project, not about the file.)
 */
export function acquireProjectLock(lockFile: string, hostKind: HostKind): ProjectLock {
  const mine: LockRecord = {
    pid: process.pid,
    started: processStart(process.pid),
    host: hostname(),
    app: APP_NAMES[hostKind],
    token: randomUUID(),
    since: new Date().toISOString(),
  };
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      writeFileSync(lockFile, JSON.stringify(mine), { flag: 'wx', mode: PRIVATE_FILE_MODE });
      chmodSync(lockFile, PRIVATE_FILE_MODE); // whatever the umask says
      return { release: () => releaseIfMine(lockFile, mine.token) };
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'EROFS' || code === 'EACCES' || code === 'EPERM') {
        throw new ApiError('read_only', 'The project folder cannot be written (a read-only disk or folder). Open the project read-only to look at it.');
      }
      if (code !== 'EEXIST') throw error;
    }
    const holder = readLock(lockFile);
    if (holder && isAlive(holder)) {
      throw new ApiError(
        'in_use',
        `This project is open in ${holder.app} (process ${holder.pid}${holder.host === hostname() ? '' : ` on ${holder.host}`}) since ${holder.since}. Open it read-only, or close it there first.`,
      );
    }
    // The holder is gone (or the file is unreadable): the lock is stale, take it over.
    rmSync(lockFile, { force: true });
  }
  throw new ApiError('in_use', 'This project is being opened by another app at this moment. Try again, or open it read-only.');
}

function readLock(lockFile: string): LockRecord | null {
  try {
    const parsed = lockSchema.safeParse(JSON.parse(readFileSync(lockFile, 'utf8')));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** A process on another machine (a shared folder) cannot be checked: its lock is trusted. */
function isAlive(holder: LockRecord): boolean {
  if (holder.host !== hostname()) return true;
  try {
    process.kill(holder.pid, 0);
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
  return !holder.started || processStart(holder.pid) === holder.started;
}

/** A process's start time from /proc (field 22 of its stat line); null where there is no /proc. */
function processStart(pid: number): string | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) may hold spaces and parentheses: count fields after its closing one.
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19] ?? null;
  } catch {
    return null;
  }
}

function releaseIfMine(lockFile: string, token: string): void {
  if (readLock(lockFile)?.token === token) rmSync(lockFile, { force: true });
}
