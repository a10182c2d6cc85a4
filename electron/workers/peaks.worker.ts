import { parentPort, workerData } from 'node:worker_threads';
import { computePeaks } from '../media/peaks';
import type { PeaksJob, PeaksOutcome } from './peaks-client';

/**
 * One peaks computation per thread: decoding an hour of audio takes seconds of CPU,
 * which must not stall the main process's event loop (the UI's IPC, the web host).
 */
const port = parentPort;
if (!port) throw new Error('peaks.worker must run as a worker thread');
const { path } = workerData as PeaksJob;

void computePeaks(path).then(
  (peaks) => port.postMessage({ ok: true, peaks } satisfies PeaksOutcome, [peaks.buffer]),
  (error: unknown) => port.postMessage({ ok: false, message: error instanceof Error ? error.message : String(error) } satisfies PeaksOutcome),
);
