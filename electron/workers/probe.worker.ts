import { parentPort } from 'node:worker_threads';
import sharp from 'sharp';
import { probeMedia } from '../media/probe';
import type { ProbeRequest, ProbeResponse } from './probe-protocol';

/**
 * Hashing, decoding and thumbnailing happen here, off the main process's event loop,
 * so a 10,000-file import never freezes the window.
 */
const port = parentPort;
// Each file is decoded once; sharp's cache would only hold files open (blocking moves on Windows).
sharp.cache(false);
if (!port) throw new Error('probe.worker must run as a worker thread');

port.on('message', (request: ProbeRequest) => {
  void probeMedia(request.path, { kind: request.kind, thumbnailDir: request.thumbnailDir })
    .catch((error: unknown) => ({ ok: false as const, reason: `could not be checked: ${error instanceof Error ? error.message : String(error)}` }))
    .then((result) => port.postMessage({ id: request.id, result } satisfies ProbeResponse));
});
