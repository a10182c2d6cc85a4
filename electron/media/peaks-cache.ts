import { existsSync } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { mkdirPrivate, writePrivateFile } from '../fs/private-files';
import { computePeaksInWorker } from '../workers/peaks-client';

const inFlight = new Map<string, Promise<string>>();

/**
 * Path of `<cacheDir>/<sha256>.peaks`, computing it in a worker thread the first time.
 * Keyed by content hash, so the same recording imported twice is computed once.
 * Concurrent requests share one computation; a failed one leaves nothing behind, so
 * the next request tries again (the file may have been fixed or relinked).
 */
export function cachedPeaks(mediaPath: string, sha256: string, cacheDir: string): Promise<string> {
  const target = join(cacheDir, `${sha256}.peaks`);
  if (existsSync(target)) return Promise.resolve(target);
  let pending = inFlight.get(target);
  if (!pending) {
    pending = computeInto(mediaPath, target).finally(() => inFlight.delete(target));
    inFlight.set(target, pending);
  }
  return pending;
}

async function computeInto(mediaPath: string, target: string): Promise<string> {
  const peaks = await computePeaksInWorker(mediaPath);
  await mkdirPrivate(join(target, '..'));
  // Written aside and renamed, so a crash mid-write never leaves a short file that
  // would be served as the waveform from then on.
  const temp = `${target}.${process.pid}.part`;
  try {
    await writePrivateFile(temp, peaks);
    await rename(temp, target);
    return target;
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}
