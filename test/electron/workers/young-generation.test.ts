import { once } from 'node:events';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { setFlagsFromString } from 'node:v8';
import { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../support/paths';

/** What a worker started with a bulk worker's young generation reports of it before and after `fillYoungGeneration`. */
async function newSpaceAroundFill(): Promise<{ before: { size: number; resident: number }; after: { size: number; resident: number } }> {
  const module = pathToFileURL(join(REPO_ROOT, 'electron', 'workers', 'young-generation.ts')).href;
  const code = `
    const { parentPort } = require('node:worker_threads');
    const { getHeapSpaceStatistics } = require('node:v8');
    const newSpace = () => {
      const space = getHeapSpaceStatistics().find((space) => space.space_name === 'new_space');
      return { size: space.space_size, resident: space.physical_space_size };
    };
    const before = newSpace();
    import('tsx/esm/api')
      .then(({ tsImport }) => tsImport(${JSON.stringify(module)}, ${JSON.stringify(pathToFileURL(__filename).href)}))
      .then(({ fillYoungGeneration }) => {
        fillYoungGeneration();
        parentPort.postMessage({ before, after: newSpace() });
      });
  `;
  // As `spawnWorker` starts a bulk worker: V8 reads the flag when the worker's heap is made.
  setFlagsFromString('--min-semi-space-size=16');
  const worker = new Worker(code, { eval: true });
  try {
    await once(worker, 'online');
  } finally {
    setFlagsFromString('--min-semi-space-size=0');
  }
  const [report] = await once(worker, 'message');
  await worker.terminate();
  return report;
}

describe('fillYoungGeneration', () => {
  // A bulk worker's young generation is mostly memory not yet taken from the system; filled once, the first whole computation finds it in use.
  it("leaves a bulk worker's young generation all in use", async () => {
    const { before, after } = await newSpaceAroundFill();
    expect(before.resident).toBeLessThan(before.size / 2);
    expect(after.size).toBeGreaterThanOrEqual(2 * 16 * 2 ** 20);
    expect(after.resident).toBeGreaterThanOrEqual(0.9 * after.size);
  });
});
