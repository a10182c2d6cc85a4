import type { Worker } from 'node:worker_threads';
import type { MediaKind } from '../../shared/domain/sample';
import type { ProbeResult } from '../media/probe';
import type { ProbeRequest, ProbeResponse } from './probe-protocol';
import { spawnWorker } from './spawn';

/** A probe worker seen as an async function; `close()` ends the thread and fails what is pending. */
export class ProbeClient {
  private readonly worker: Worker;
  private readonly pending = new Map<number, { size: number; resolve: (results: ProbeResult[]) => void }>();
  private nextId = 1;
  private closed = false;

  constructor() {
    this.worker = spawnWorker('probe');
    this.worker.on('message', (response: ProbeResponse) => {
      this.pending.get(response.id)?.resolve(response.results);
      this.pending.delete(response.id);
    });
    this.worker.on('error', (error) => this.failAll(`media check stopped: ${error.message}`));
    this.worker.on('exit', () => this.failAll('media check stopped'));
  }

  /**
   * Checks a batch of files, one result per path in the same order. Batches sent before the
   * previous one is answered are queued in the worker behind it, which keeps it busy.
   */
  probeAll(paths: string[], kind: MediaKind, thumbnailDir: string): Promise<ProbeResult[]> {
    if (this.closed) return Promise.resolve(stopped(paths.length, 'media check stopped'));
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.pending.set(id, { size: paths.length, resolve });
      this.worker.postMessage({ id, paths, kind, thumbnailDir } satisfies ProbeRequest);
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.worker.terminate();
    this.failAll('media check stopped');
  }

  private failAll(reason: string): void {
    this.closed = true;
    for (const { size, resolve } of this.pending.values()) resolve(stopped(size, reason));
    this.pending.clear();
  }
}

function stopped(size: number, reason: string): ProbeResult[] {
  return Array.from({ length: size }, () => ({ ok: false, reason }));
}
