import type { ImportProblem } from '../../../shared/api/imports';

/** A file an import will try to bring in, with what its source said about it. */
export interface ImportCandidate {
  path: string;
  /** Name shown for the sample: its path relative to the imported folder or manifest. */
  displayName: string;
  tags: readonly string[];
  metadata: Readonly<Record<string, string | number | boolean | null>>;
  /** Manifest line it came from, for error reports. */
  line?: number;
}

export interface ScanResult {
  candidates: ImportCandidate[];
  problems: ImportProblem[];
}

/** What a file found by a folder scan has: one shared, frozen value for each of 100,000 files. */
export const NO_TAGS: readonly string[] = Object.freeze([]);
export const NO_METADATA: ImportCandidate['metadata'] = Object.freeze({});
