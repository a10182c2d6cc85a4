import { parentPort, workerData } from 'node:worker_threads';
import { StoredJsonError } from '../db/stored-json';
import { itemsOfPage, type VersionContext } from '../services/datasets/version-page-items';
import type { VersionPageRequest, VersionPageResponse } from './version-protocol';

/**
 * Makes a dataset version's items a page at a time (answers parsed, final labels chosen,
 * items serialized) while the main thread reads the next page and the one before is sent back:
 * the per-sample work of 100,000 images takes one core's seconds, and the other core was idle.
 */
const port = parentPort;
if (!port) throw new Error('the dataset version worker must run as a worker thread');
const context = workerData as VersionContext;

port.on('message', ({ id, evidence }: VersionPageRequest) => {
  let response: VersionPageResponse;
  try {
    response = { id, ok: true, value: itemsOfPage(evidence, context) };
  } catch (error) {
    const damaged = error instanceof StoredJsonError ? { place: error.place, reason: error.reason } : null;
    response = { id, ok: false, message: error instanceof Error ? error.message : String(error), damaged };
  }
  port.postMessage(response);
});
