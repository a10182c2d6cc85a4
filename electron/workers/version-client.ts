import type { Worker } from 'node:worker_threads';
import { StoredJsonError } from '../db/stored-json';
import type { PageEvidence, PageItems, VersionContext } from '../services/datasets/version-page-items';
import { spawnWorker } from './spawn';
import type { VersionPageRequest, VersionPageResponse } from './version-protocol';

/**
 * A dataset version's worker seen as an async function: `items(evidence)` makes a page's items
 * there. Pages sent before the previous one is answered wait in the worker behind it. A page
 * that fails rejects with what failed (a damaged answer as the same `StoredJsonError`); a worker
 * that stops fails every page in flight. `close()` ends the thread.
 */
export class VersionWorker {
  private readonly worker: Worker;
  private readonly pending = new Map<number, { resolve: (items: PageItems) => void; reject: (error: Error) => void }>();
  private nextId = 1;
  private failure: Error | null = null;

  constructor(context: VersionContext) {
    this.worker = spawnWorker('version', context);
    this.worker.on('message', (response: VersionPageResponse) => {
      const waiting = this.pending.get(response.id);
      this.pending.delete(response.id);
      if (response.ok) waiting?.resolve(response.value);
      else if (response.damaged) waiting?.reject(new StoredJsonError(response.damaged.place, response.damaged.reason));
      else waiting?.reject(new Error(`Making the dataset version's items failed: ${response.message}`));
    });
    this.worker.on('error', (error) => this.failAll(`the dataset version's worker failed: ${error.message}`));
    this.worker.on('exit', (code) => this.failAll(`the dataset version's worker stopped (exit code ${code})`));
  }

  /** Pages sent and not yet answered. */
  get waiting(): number {
    return this.pending.size;
  }

  items(evidence: PageEvidence): Promise<PageItems> {
    if (this.failure) return Promise.reject(this.failure);
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.worker.postMessage({ id, evidence } satisfies VersionPageRequest);
    });
  }

  async close(): Promise<void> {
    this.failure ??= new Error("the dataset version's worker was closed");
    await this.worker.terminate();
  }

  private failAll(reason: string): void {
    this.failure ??= new Error(reason);
    for (const { reject } of this.pending.values()) reject(this.failure);
    this.pending.clear();
  }
}
