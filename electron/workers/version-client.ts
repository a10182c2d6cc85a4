import { StoredJsonError } from '../db/stored-json';
import type { PageEvidence, PageItems, VersionContext } from '../services/datasets/version-page-items';
import { spawnWorker } from './spawn';
import type { VersionPageRequest, VersionPageResponse } from './version-protocol';
import { WorkerRequests } from './worker-requests';

/**
 * A dataset version's worker seen as an async function: `items(evidence)` makes a page's items
 * there. Pages sent before the previous one is answered wait in the worker behind it. A page
 * that fails rejects with what failed (a damaged answer as the same `StoredJsonError`); a worker
 * that stops fails every page in flight. `close()` ends the thread.
 */
export class VersionWorker {
  private readonly pages: WorkerRequests<VersionPageRequest, VersionPageResponse, PageItems>;

  constructor(context: VersionContext) {
    this.pages = new WorkerRequests(spawnWorker('version', context), {
      name: "the dataset version's worker",
      read: (response) => {
        if (response.ok) return response.value;
        if (response.damaged) throw new StoredJsonError(response.damaged.place, response.damaged.reason);
        throw new Error(`Making the dataset version's items failed: ${response.message}`);
      },
    });
  }

  /** Pages sent and not yet answered. */
  get waiting(): number {
    return this.pages.waiting;
  }

  items(evidence: PageEvidence): Promise<PageItems> {
    return this.pages.send((id) => ({ id, evidence }));
  }

  close(): Promise<void> {
    return this.pages.close();
  }
}
