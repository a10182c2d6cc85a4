import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { computePeaksInWorker } from '../../../electron/workers/peaks-client';
import { peakCount } from '../../../shared/media/peaks';
import { writeWav } from '../../support/media-fixtures';
import { useTempDirs } from '../../support/temp-dir';

describe('computePeaksInWorker', () => {
  const tempDir = useTempDirs();

  it('runs more jobs than there are worker slots, each to its own result', async () => {
    const dir = tempDir();
    const durations = [300, 700, 1200];
    durations.forEach((durationMs, index) => writeWav(join(dir, `${index}.wav`), durationMs));
    const results = await Promise.all(durations.map((_, index) => computePeaksInWorker(join(dir, `${index}.wav`))));
    expect(results.map((peaks) => peaks.length)).toEqual(durations.map(peakCount));
  });

  it('rejects with the worker’s reason', async () => {
    await expect(computePeaksInWorker(join(tempDir(), 'missing.wav'))).rejects.toThrow(/ENOENT/);
  });
});
