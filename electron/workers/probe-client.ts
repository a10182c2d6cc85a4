import type { MediaKind } from '../../shared/domain/sample';
import type { ProbeResult } from '../media/probe';
import type { ProbeRequest, ProbeResponse } from './probe-protocol';
import { spawnWorker } from './spawn';
import { WorkerRequests } from './worker-requests';

/** A probe worker seen as an async function; `close()` ends the thread and fails what is pending. */
export class ProbeClient {
  private readonly batches = new WorkerRequests<ProbeRequest, ProbeResponse, ProbeResult[]>(spawnWorker('probe'), {
    name: 'media check',
    read: (response) => response.results,
  });

  /**
   * Checks a batch of files, one result per path in the same order. Batches sent before the
   * previous one is answered are queued in the worker behind it, which keeps it busy. A worker
   * that stopped fails each file of the batch with why, as a result.
   */
  probeAll(paths: string[], kind: MediaKind, thumbnailDir: string): Promise<ProbeResult[]> {
    return this.batches.send((id) => ({ id, paths, kind, thumbnailDir })).catch((error: Error) => stopped(paths.length, error.message));
  }

  close(): Promise<void> {
    return this.batches.close(new Error('media check stopped'));
  }
}

function stopped(size: number, reason: string): ProbeResult[] {
  return Array.from({ length: size }, () => ({ ok: false, reason }));
}
