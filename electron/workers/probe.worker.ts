import { parentPort } from 'node:worker_threads';
import sharp from 'sharp';
import { probeMedia } from '../media/probe';
import type { ProbeResult } from '../media/probe';
import type { ProbeRequest, ProbeResponse } from './probe-protocol';

/**
 * Hashing, decoding and thumbnailing happen here, off the main process's event loop,
 * so a 10,000-file import never freezes the window.
 */
const port = parentPort;
// Each file is decoded once; sharp's cache would only hold files open (blocking moves on Windows).
sharp.cache(false);
if (!port) throw new Error('probe.worker must run as a worker thread');

/** Files checked at once: decodes run on libvips's threads meanwhile. */
const IN_FLIGHT = 4;

interface Pending {
  request: ProbeRequest;
  results: ProbeResult[];
  left: number;
}

/**
 * Files of every request received, in order. Lanes take from it across requests, so the next
 * batch starts while the last files of the previous one finish.
 */
const queue: Array<{ pending: Pending; index: number }> = [];
let lanes = 0;

port.on('message', (request: ProbeRequest) => {
  const pending: Pending = { request, results: new Array<ProbeResult>(request.paths.length), left: request.paths.length };
  if (pending.left === 0) port.postMessage({ id: request.id, results: [] } satisfies ProbeResponse);
  for (let index = 0; index < request.paths.length; index++) queue.push({ pending, index });
  while (lanes < IN_FLIGHT && lanes < queue.length) {
    lanes++;
    void lane();
  }
});

async function lane(): Promise<void> {
  for (let item = queue.shift(); item; item = queue.shift()) {
    const { pending, index } = item;
    const { request } = pending;
    pending.results[index] = await probeMedia(request.paths[index]!, { kind: request.kind, thumbnailDir: request.thumbnailDir }).catch((error: unknown) => ({
      ok: false as const,
      reason: `could not be checked: ${error instanceof Error ? error.message : String(error)}`,
    }));
    if (--pending.left === 0) port!.postMessage({ id: request.id, results: pending.results } satisfies ProbeResponse);
  }
  lanes--;
}
