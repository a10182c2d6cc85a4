import { computePeaks } from '../media/peaks';
import type { PeaksJob } from './peaks-client';
import { answerOnce } from './run-once';

/**
 * One peaks computation per thread: decoding an hour of audio takes seconds of CPU,
 * which must not stall the main process's event loop (the UI's IPC, the web host).
 */
answerOnce<PeaksJob, Uint8Array>(
  ({ path }) => computePeaks(path),
  (peaks) => [peaks.buffer as ArrayBuffer],
);
