import { z } from 'zod';
import { absolutePath } from './absolute-path';

export const importStartSchema = z.object({
  /** A folder (searched recursively) or a manifest file (.csv or .jsonl). */
  source: absolutePath('folder or manifest to import'),
  /** Copy media into the project folder instead of referencing it in place. */
  copyMedia: z.boolean().default(false),
});

export type ImportState = 'scanning' | 'importing' | 'done' | 'cancelled' | 'failed';

export interface ImportProblem {
  /** Path as the user gave or the scan found it. */
  path: string;
  reason: string;
  /** Line of the manifest the problem came from, when it came from one. */
  line?: number;
}

export interface ImportDuplicate {
  path: string;
  /** Display name of the sample already holding identical content. */
  duplicateOf: string;
}

export interface ImportProgress {
  jobId: string;
  state: ImportState;
  source: string;
  /** Candidates found so far; final once scanning ends. */
  total: number;
  processed: number;
  imported: number;
  duplicates: number;
  failed: number;
  startedAt: string;
  finishedAt: string | null;
  /** Present when state is `failed`: why the whole import stopped. */
  error?: string;
}

export interface ImportReport extends ImportProgress {
  problems: ImportProblem[];
  duplicateFiles: ImportDuplicate[];
}
