import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';

/**
 * Starts `electron/workers/<name>.worker.ts`. Built, the bundle sits beside
 * `<name>.worker.js`. Run from source (tests, tsx), a two-line bootstrap loads the same
 * TypeScript file through tsx, which is a dev dependency only: `--import tsx` in a
 * worker's execArgv does not cover the worker's own entry on Node 20.
 */
export function spawnWorker(name: string, workerData?: unknown): Worker {
  const here = fileURLToPath(import.meta.url);
  if (!here.endsWith('.ts')) return new Worker(join(dirname(here), `${name}.worker.js`), { workerData });
  const source = join(dirname(here), `${name}.worker.ts`);
  const bootstrap = `import('tsx/esm/api').then(({ tsImport }) => tsImport(${JSON.stringify(source)}, ${JSON.stringify(pathToFileURL(here).href)}))`;
  return new Worker(bootstrap, { eval: true, workerData });
}
