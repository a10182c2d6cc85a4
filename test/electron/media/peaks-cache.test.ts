import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cachedPeaks } from '../../../electron/media/peaks-cache';
import { computePeaksInWorker } from '../../../electron/workers/peaks-client';
import { useTempDirs } from '../../support/temp-dir';

vi.mock('../../../electron/workers/peaks-client', () => ({ computePeaksInWorker: vi.fn() }));
const compute = vi.mocked(computePeaksInWorker);
const SHA = 'ab'.repeat(32);

describe('cachedPeaks', () => {
  const tempDir = useTempDirs();
  afterEach(() => compute.mockReset());

  it('computes once for concurrent and later requests, writing <sha256>.peaks', async () => {
    const cacheDir = join(tempDir(), 'cache', 'peaks');
    compute.mockResolvedValue(new Uint8Array([1, 2, 3]));
    const paths = await Promise.all([cachedPeaks('/media/a.wav', SHA, cacheDir), cachedPeaks('/media/a.wav', SHA, cacheDir)]);
    expect(paths).toEqual([join(cacheDir, `${SHA}.peaks`), join(cacheDir, `${SHA}.peaks`)]);
    expect(await cachedPeaks('/media/a.wav', SHA, cacheDir)).toBe(paths[0]);
    expect(compute).toHaveBeenCalledTimes(1);
    expect(compute).toHaveBeenCalledWith('/media/a.wav');
    expect([...readFileSync(paths[0]!)]).toEqual([1, 2, 3]);
  });

  it('caches no failure: the next request computes again', async () => {
    const cacheDir = join(tempDir(), 'peaks');
    compute.mockRejectedValueOnce(new Error('corrupt WAV: no data chunk'));
    await expect(cachedPeaks('/media/b.wav', SHA, cacheDir)).rejects.toThrow(/corrupt WAV/);
    compute.mockResolvedValueOnce(new Uint8Array([9]));
    expect(await cachedPeaks('/media/b.wav', SHA, cacheDir)).toBe(join(cacheDir, `${SHA}.peaks`));
    expect(compute).toHaveBeenCalledTimes(2);
    expect(readdirSync(cacheDir)).toEqual([`${SHA}.peaks`]);
  });
});
