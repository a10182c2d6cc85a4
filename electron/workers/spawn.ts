import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { setFlagsFromString } from 'node:v8';
import { Worker } from 'node:worker_threads';

/**
 * The young generation a worker's heap starts with, per semi-space: V8's usual most, where it
 * would otherwise start at 1 MB and grow only after collections that each promoted objects about
 * to die (a whole computation's parsed answers and comparisons). The agreement worker's first
 * computation at 10,000 images × 3 labelers took 1.31–1.39 s from a 1 MB start and 1.08–1.12 s
 * from this (the web host, same runs). A worker that allocates little touches little of it.
 */
const WORKER_SEMI_SPACE_MB = 16;
let youngGenerationSized = false;

/**
 * Starts `electron/workers/<name>.worker.ts`. Built, the bundle sits beside
 * `<name>.worker.js`. Run from source (tests, tsx), a two-line bootstrap loads the same
 * TypeScript file through tsx, which is a dev dependency only: `--import tsx` in a
 * worker's execArgv does not cover the worker's own entry on Node 20.
 */
export function spawnWorker(name: string, workerData?: unknown): Worker {
  const here = fileURLToPath(import.meta.url);
  if (!here.endsWith('.ts')) return spawnBuiltWorker(join(dirname(here), `${name}.worker.js`), workerData);
  sizeYoungGeneration();
  const source = join(dirname(here), `${name}.worker.ts`);
  const bootstrap = `import('tsx/esm/api').then(({ tsImport }) => tsImport(${JSON.stringify(source)}, ${JSON.stringify(pathToFileURL(here).href)}))`;
  return new Worker(bootstrap, { eval: true, workerData });
}

/** Starts the built worker bundle `file` as {@link spawnWorker} starts one (benchmarks time the app's build so, from its sources). */
export function spawnBuiltWorker(file: string, workerData?: unknown): Worker {
  sizeYoungGeneration();
  return new Worker(file, { workerData });
}

/**
 * Sets {@link WORKER_SEMI_SPACE_MB} for heaps made from now on: V8 reads it when a worker's heap
 * is made, and a worker's options can set only the young generation's most, not where it starts.
 * The main thread's heap, made before, is left as it was.
 */
function sizeYoungGeneration(): void {
  if (youngGenerationSized) return;
  youngGenerationSized = true;
  setFlagsFromString(`--min-semi-space-size=${WORKER_SEMI_SPACE_MB}`);
}
