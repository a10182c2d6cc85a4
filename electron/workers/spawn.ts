import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';

/**
 * Starts `electron/workers/<name>.worker.ts`. Built, the bundle sits beside
 * `<name>.worker.js`; run from source (tests, tsx), the worker gets tsx's loader so the
 * very same TypeScript file runs in both cases.
 */
export function spawnWorker(name: string, workerData?: unknown): Worker {
  const here = fileURLToPath(import.meta.url);
  const fromSource = here.endsWith('.ts');
  const file = join(dirname(here), `${name}.worker.${fromSource ? 'ts' : 'js'}`);
  return new Worker(file, { workerData, ...(fromSource ? { execArgv: ['--import', 'tsx'] } : {}) });
}
