import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { streamAudioSamples } from '../../../electron/media/audio-samples';
import { clipFeatures } from '../../../electron/media/clip-features';
import { MonoPcm } from '../../../electron/media/mono-pcm';
import { useTempDirs } from '../../support/temp-dir';
import { buildPcmWav, tone } from './pcm-wav';

const fixturesDir = fileURLToPath(new URL('../../fixtures/media/', import.meta.url));
const OPTIONS = { bands: 40, steps: 32 };

/** Each band's loudest value over the steps. */
function bandLevels(features: Float32Array): number[] {
  return Array.from({ length: OPTIONS.bands }, (_, band) => Math.max(...features.subarray(band * OPTIONS.steps, (band + 1) * OPTIONS.steps)));
}

describe('clip audio for training', () => {
  const tempDir = useTempDirs();

  it.each(['u8', 's16', 's24', 'f32'] as const)('mixes channels down to mono at full scale (%s samples)', async (encoding) => {
    const sine = tone(0.8, 440, 8000);
    const path = join(tempDir(), 'left-only.wav');
    writeFileSync(path, buildPcmWav({ encoding, sampleRate: 8000, channels: 2, frames: 8000, signal: (frame, channel) => (channel === 0 ? sine(frame) : 0) }));
    const mono = await streamAudioSamples(path, (rate) => new MonoPcm(rate, 30));
    expect(mono.sampleRate).toBe(8000);
    expect(mono.pcm().length).toBe(8000);
    expect(Math.max(...mono.pcm())).toBeCloseTo(0.4, 2);
  });

  it('stops reading a long recording once it has what it keeps', async () => {
    // A minute of 8 kHz floats is about 2 MB, read 1 MB at a time: the second read never happens.
    const path = join(tempDir(), 'long.wav');
    writeFileSync(path, buildPcmWav({ encoding: 'f32', sampleRate: 8000, channels: 1, frames: 8000 * 60, signal: tone(0.5, 440, 8000) }));
    let offered = 0;
    const mono = await streamAudioSamples(path, (rate) => {
      const sink = new MonoPcm(rate, 1);
      const add = sink.addInterleaved.bind(sink);
      sink.addInterleaved = (samples, channels, fullScale) => {
        offered += samples.length / channels;
        add(samples, channels, fullScale);
      };
      return sink;
    });
    expect(mono.full).toBe(true);
    expect(mono.pcm().length).toBe(8000);
    expect(offered).toBeLessThan(8000 * 40);
  });

  it('refuses a header with an impossible rate, and a file with next to no sound', async () => {
    const tiny = join(tempDir(), 'tiny.wav');
    writeFileSync(tiny, buildPcmWav({ encoding: 's16', sampleRate: 16_000, channels: 1, frames: 100, signal: tone(0.5, 440, 16_000) }));
    await expect(clipFeatures(tiny, OPTIONS)).rejects.toThrow(/no audio to learn from: 6 ms/);
    const slow = join(tempDir(), 'slow.wav');
    writeFileSync(slow, buildPcmWav({ encoding: 's16', sampleRate: 50, channels: 1, frames: 100, signal: () => 0 }));
    await expect(clipFeatures(slow, OPTIONS)).rejects.toThrow(/implausible sample rate 50 Hz/);
  });

  it('hears the same pitch in the same band from MP3, FLAC and Ogg at different rates', async () => {
    // All three hold a 440 Hz sine (the stereo ones with another pitch in their right channel).
    const [mp3, flac, ogg] = await Promise.all(
      ['tone-22050hz-mono-1s.mp3', 'tone-16000hz-stereo-0.5s.flac', 'tone-44100hz-stereo-1s.ogg'].map(async (name) =>
        bandLevels(await clipFeatures(join(fixturesDir, name), OPTIONS)),
      ),
    );
    const band440 = mp3!.indexOf(Math.max(...mp3!));
    expect(band440).toBeGreaterThan(0);
    // Within 8 dB of each file's loudest band, and far above the quiet top of the spectrum.
    for (const levels of [flac!, ogg!]) {
      expect(levels[band440]!).toBeGreaterThan(Math.max(...levels) - 0.08);
      expect(levels[band440]! - levels[OPTIONS.bands - 1]!).toBeGreaterThan(0.3);
    }
  });

  it('fails clearly on a file that is not audio', async () => {
    const path = join(tempDir(), 'notes.wav');
    writeFileSync(path, 'these are notes, not audio\n');
    await expect(clipFeatures(path, OPTIONS)).rejects.toThrow(/not audio/);
  });
});
