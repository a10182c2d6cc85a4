import { inspectDatabase, type DatabaseVerdict } from '../db/inspect-database';
import { answerOnce } from './run-once';

/** SQLite's integrity check of a project database on its own read-only handle, off the host's thread (see `integrity-check.ts`). */
export interface IntegrityJob {
  file: string;
  nativeBinding?: string | undefined;
}

answerOnce<IntegrityJob, DatabaseVerdict>(({ file, nativeBinding }) => inspectDatabase(file, nativeBinding));
