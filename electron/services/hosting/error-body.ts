import type { OperationName } from '../../../shared/api/contract';
import { ApiError, type ApiErrorBody } from '../../../shared/api/errors';
import { PayloadError } from '../../../shared/annotation/payload';
import { isUniqueViolation } from '../../db/dialect';
import { StoredJsonError } from '../../db/stored-json';

const DISK_FULL = new Set(['ENOSPC', 'EDQUOT', 'SQLITE_FULL']);
const READ_ONLY = new Set([
  'EROFS',
  'SQLITE_READONLY',
  'SQLITE_READONLY_DBMOVED',
  'SQLITE_READONLY_DIRECTORY',
  'SQLITE_READONLY_ROLLBACK',
  'SQLITE_READONLY_RECOVERY',
  'SQLITE_READONLY_CANTLOCK',
  'SQLITE_READONLY_CANTINIT',
]);
const BUSY = new Set([
  'SQLITE_BUSY',
  'SQLITE_BUSY_SNAPSHOT',
  'SQLITE_BUSY_RECOVERY',
  'SQLITE_BUSY_TIMEOUT',
  'SQLITE_LOCKED',
  // PostgreSQL: two transactions in each other's way; the one refused did nothing.
  '40001',
  '40P01',
]);

/**
 * What a caller is told when a handler throws. Failures a user can act on (a full disk, a
 * read-only folder, a project busy with another writer, two people creating the same thing
 * at once) get their own code and words;
 * writes run in transactions, so in each case nothing of the failed call was saved.
 * Anything else is logged here and reported as `internal`, without internals.
 */
export function toErrorBody(name: OperationName, error: unknown): ApiErrorBody {
  if (error instanceof ApiError) return error.toBody();
  if (error instanceof StoredJsonError) return { code: 'damaged', message: error.message };
  if (error instanceof PayloadError) return { code: 'invalid_argument', message: error.message };
  const code = errorCode(error);
  if (code === 'EACCES' || code === 'EPERM') {
    return { code: 'forbidden', message: `Permission denied: ${(error as NodeJS.ErrnoException).path ?? ''}`.trim() };
  }
  if (isUniqueViolation(error)) {
    return {
      code: 'conflict',
      message:
        'Someone else saved the same thing in the meantime, and theirs came first. Nothing of this change was saved; reload to see theirs, then try again.',
    };
  }
  if (code && DISK_FULL.has(code)) return { code: 'disk_full', message: 'The disk is full; nothing was saved. Free some space and try again.' };
  if (code && READ_ONLY.has(code)) {
    return {
      code: 'read_only',
      message: 'The project cannot be written (it is open read-only, or its folder or disk is read-only); nothing was saved.',
    };
  }
  if (code && BUSY.has(code)) {
    return {
      code: 'busy',
      message: 'The project is busy: another Concord window, server or command is writing to it. Nothing was saved; try again in a moment.',
    };
  }
  console.error(`[api] ${name} failed:`, error);
  return { code: 'internal', message: `${name} failed unexpectedly. Details are in the application log.` };
}

/** Node's errno code or SQLite's extended result code; SQLite's I/O errors keep the errno they came from. */
function errorCode(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}
