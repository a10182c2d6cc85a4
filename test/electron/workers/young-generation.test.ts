import { once } from 'node:events';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { spawnBuiltWorker } from '../../../electron/workers/spawn';
import { REPO_ROOT } from '../../support/paths';
import { useTempDirs } from '../../support/temp-dir';

const tempDir = useTempDirs();

/** What a worker started as a bulk worker (`spawnBuiltWorker(…, 'bulk')`) reports of its young generation before and after `fillYoungGeneration`. */
async function newSpaceAroundFill(): Promise<{ before: { size: number; resident: number }; after: { size: number; resident: number } }> {
  const module = pathToFileURL(join(REPO_ROOT, 'electron', 'workers', 'young-generation.ts')).href;
  const file = join(tempDir(), 'fill.mjs');
  writeFileSync(
    file,
    `
    import { parentPort } from 'node:worker_threads';
    import { getHeapSpaceStatistics } from 'node:v8';
    const newSpace = () => {
      const space = getHeapSpaceStatistics().find((space) => space.space_name === 'new_space');
      return { size: space.space_size, resident: space.physical_space_size };
    };
    const before = newSpace();
    const { tsImport } = await import(${JSON.stringify(import.meta.resolve('tsx/esm/api'))});
    const { fillYoungGeneration } = await tsImport(${JSON.stringify(module)}, import.meta.url);
    fillYoungGeneration();
    parentPort.postMessage({ before, after: newSpace() });
    `,
  );
  const worker = spawnBuiltWorker(file, undefined, 'bulk');
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
