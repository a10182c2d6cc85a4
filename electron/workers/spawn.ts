import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { setFlagsFromString } from 'node:v8';
import { Worker } from 'node:worker_threads';

/**
 * How a worker's heap starts. `bulk`: with V8's usual most young generation (16 MB a semi-space),
 * for a worker whose first task measures a whole project: from the usual 1 MB start the young
 * generation grows only after collections that each promoted objects about to die, and the
 * agreement worker's first computation at 10,000 images × 3 labelers took 1.31–1.39 s against
 * 1.04–1.11 s (the web host, same runs). `usual` for the others: a worker that answers small
 * requests from the start (the agreement worker renewed after a whole computation) took 18–48 ms
 * for the request after a submission with the larger start, 8–15 ms without.
 */
export type WorkerHeap = 'usual' | 'bulk';

const BULK_SEMI_SPACE_MB = 16;
/** Bulk workers started whose heap may not be made yet: the flag stays set until the last is online. */
let bulkStarting = 0;

/**
 * Starts `electron/workers/<name>.worker.ts`. Built, the bundle sits beside
 * `<name>.worker.js`. Run from source (tests, tsx), a two-line bootstrap loads the same
 * TypeScript file through tsx, which is a dev dependency only: `--import tsx` in a
 * worker's execArgv does not cover the worker's own entry on Node 20.
 */
export function spawnWorker(name: string, workerData?: unknown, heap: WorkerHeap = 'usual'): Worker {
  const here = fileURLToPath(import.meta.url);
  if (!here.endsWith('.ts')) return spawnBuiltWorker(join(dirname(here), `${name}.worker.js`), workerData, heap);
  const source = join(dirname(here), `${name}.worker.ts`);
  const bootstrap = `import('tsx/esm/api').then(({ tsImport }) => tsImport(${JSON.stringify(source)}, ${JSON.stringify(pathToFileURL(here).href)}))`;
  return withHeap(heap, () => new Worker(bootstrap, { eval: true, workerData }));
}

/** Starts the built worker bundle `file` as {@link spawnWorker} starts one (benchmarks time the app's build so, from its sources). */
export function spawnBuiltWorker(file: string, workerData?: unknown, heap: WorkerHeap = 'usual'): Worker {
  return withHeap(heap, () => new Worker(file, { workerData }));
}

/**
 * The worker `start` makes, its heap started as `heap` says. V8 reads the flag when a worker's
 * heap is made, on the worker's own thread, and a worker's options set only the young
 * generation's most: the flag is set for the process until the worker is online (a usual worker
 * started meanwhile starts larger too; only its speed differs), then set back to V8's default.
 */
function withHeap(heap: WorkerHeap, start: () => Worker): Worker {
  if (heap === 'usual') return start();
  if (bulkStarting++ === 0) setFlagsFromString(`--min-semi-space-size=${BULK_SEMI_SPACE_MB}`);
  let settled = false;
  const online = () => {
    if (settled) return;
    settled = true;
    if (--bulkStarting === 0) setFlagsFromString('--min-semi-space-size=0');
  };
  let worker: Worker;
  try {
    worker = start();
  } catch (error) {
    // A worker that could not be made (its file missing, say) leaves the flag as it found it.
    online();
    throw error;
  }
  worker.once('online', online);
  worker.once('error', online);
  worker.once('exit', online);
  return worker;
}
