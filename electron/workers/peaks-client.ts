import { availableParallelism } from 'node:os';
import { runWorkerOnce } from './run-once';

/** What peaks.worker is started with. */
export interface PeaksJob {
  path: string;
}

/**
 * Leaves a core for the main process. Someone paging quickly through long
 * recordings queues computations here instead of starting a thread for each.
 */
const MAX_RUNNING = Math.max(1, availableParallelism() - 1);
let running = 0;
const waiting: (() => void)[] = [];

/**
 * Computes a file's peaks (see electron/media/peaks) in a worker thread started for
 * the job and gone after it. A thread per job rather than a long-lived one like the
 * probe worker's: requests are rare (once per sample, then cached), a finished
 * thread hands back the decoders' WebAssembly memory, which never shrinks, and
 * nothing is left running that a host would have to close.
 */
export async function computePeaksInWorker(path: string): Promise<Uint8Array> {
  if (running < MAX_RUNNING) running += 1;
  else await new Promise<void>((resolve) => waiting.push(resolve));
  try {
    return await runWorkerOnce<PeaksJob, Uint8Array>('peaks', { path });
  } finally {
    // The slot passes straight to the next job, if any.
    const next = waiting.shift();
    if (next) next();
    else running -= 1;
  }
}
