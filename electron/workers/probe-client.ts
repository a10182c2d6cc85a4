import type { Worker } from 'node:worker_threads';
import type { MediaKind } from '../../shared/domain/sample';
import type { ProbeResult } from '../media/probe';
import type { ProbeRequest, ProbeResponse } from './probe-protocol';
import { spawnWorker } from './spawn';

/** A probe worker seen as an async function; `close()` ends the thread and fails what is pending. */
export class ProbeClient {
  private readonly worker: Worker;
  private readonly pending = new Map<number, (result: ProbeResult) => void>();
  private nextId = 1;
  private closed = false;

  constructor() {
    this.worker = spawnWorker('probe');
    this.worker.on('message', (response: ProbeResponse) => {
      this.pending.get(response.id)?.(response.result);
      this.pending.delete(response.id);
    });
    this.worker.on('error', (error) => this.failAll(`media check stopped: ${error.message}`));
    this.worker.on('exit', () => this.failAll('media check stopped'));
  }

  probe(path: string, kind: MediaKind, thumbnailDir: string): Promise<ProbeResult> {
    if (this.closed) return Promise.resolve({ ok: false, reason: 'media check stopped' });
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.pending.set(id, resolve);
      this.worker.postMessage({ id, path, kind, thumbnailDir } satisfies ProbeRequest);
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.worker.terminate();
    this.failAll('media check stopped');
  }

  private failAll(reason: string): void {
    this.closed = true;
    for (const resolve of this.pending.values()) resolve({ ok: false, reason });
    this.pending.clear();
  }
}
