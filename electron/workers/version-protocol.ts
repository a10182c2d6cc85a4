import type { StoredJsonError } from '../db/stored-json';
import type { PageEvidence, PageItems } from '../services/datasets/version-page-items';

/**
 * Messages between a dataset version being made and its worker, which is started with the
 * version's `VersionContext` and makes one page's items per request, in the order sent.
 */
export interface VersionPageRequest {
  id: number;
  evidence: PageEvidence;
}

export type VersionPageResponse =
  | { id: number; ok: true; value: PageItems }
  /** `damaged`: a stored answer that failed its check, to be thrown on the main thread as the same `StoredJsonError`. */
  | { id: number; ok: false; message: string; damaged: Pick<StoredJsonError, 'place' | 'reason'> | null };
