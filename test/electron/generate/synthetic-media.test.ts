import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { syntheticWav, writeSyntheticWav } from '../../../electron/generate/synthetic-media';
import { readWavLayout } from '../../../electron/media/wav-layout';
import { mulberry32 } from '../../../shared/assignment/prng';
import { useTempDirs } from '../../support/temp-dir';

describe('synthetic WAV files', () => {
  const tempDir = useTempDirs();

  it('writes, a second at a time, the very WAV it would make in memory, which the app reads as 16-bit mono of that length', async () => {
    const path = join(tempDir(), 'clip.wav');
    // Two and a half seconds: the last chunk written is a part of a second.
    writeSyntheticWav(path, 2500, 8000, mulberry32(9));
    expect(readFileSync(path).equals(syntheticWav(2500, 8000, mulberry32(9)))).toBe(true);
    const layout = await readWavLayout(path);
    expect(layout).toMatchObject({ encoding: 'int', bitsPerSample: 16, channels: 1, sampleRate: 8000 });
    expect((layout.dataEnd - layout.dataStart) / 2).toBe(20_000);
  });

  it('gives every random stream a clip of its own', () => {
    expect(syntheticWav(500, 8000, mulberry32(1)).equals(syntheticWav(500, 8000, mulberry32(2)))).toBe(false);
  });
});
