import { closeSync, openSync, readFileSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { computePeaks } from '../../../electron/media/peaks';
import { PeakBuckets } from '../../../electron/media/peak-buckets';
import { peakCount } from '../../../shared/media/peaks';
import { useTempDirs } from '../../support/temp-dir';
import { buildPcmWav, fmtChunk, riffChunk, tone, wavFile } from './pcm-wav';
import type { PcmEncoding } from './pcm-wav';

const fixturesDir = fileURLToPath(new URL('../../fixtures/media/', import.meta.url));
/** A sine of amplitude 0.5: round(255 × 0.5) = 128, give or take where the crest falls. */
const HALF_SCALE = 128;

describe('computePeaks of WAV files', () => {
  const tempDir = useTempDirs();

  function write(name: string, bytes: Buffer): string {
    const path = join(tempDir(), name);
    writeFileSync(path, bytes);
    return path;
  }

  /** 1 s of a 0.5 sine, then 1 s of silence. */
  const toneThenSilence = (sampleRate: number) => {
    const sine = tone(0.5, 440, sampleRate);
    return (frame: number) => (frame < sampleRate ? sine(frame) : 0);
  };

  function expectToneThenSilence(peaks: Uint8Array): void {
    expect(peaks.length).toBe(200);
    for (const value of peaks.subarray(0, 100)) expect(Math.abs(value - HALF_SCALE)).toBeLessThanOrEqual(2);
    expect([...peaks.subarray(100)].every((value) => value === 0)).toBe(true);
  }

  it.each<[PcmEncoding, boolean]>([
    ['u8', false],
    ['s16', false],
    ['s24', false],
    ['s32', false],
    ['f32', false],
    ['f64', false],
    ['s16', true],
    ['s24', true],
    ['f32', true],
  ])('reads %s samples (extensible header: %s): 128 across the tone, 0 in silence', async (encoding, extensible) => {
    const path = write('tone.wav', buildPcmWav({ encoding, extensible, sampleRate: 8000, channels: 1, frames: 16000, signal: toneThenSilence(8000) }));
    expectToneThenSilence(await computePeaks(path));
  });

  it('has one bucket per 10 ms, the last one partial, without drifting at 22,050 Hz', async () => {
    const path = write('long.wav', buildPcmWav({ encoding: 's16', sampleRate: 22050, channels: 1, frames: 77175, signal: tone(0.5, 440, 22050) }));
    const peaks = await computePeaks(path);
    expect(peaks.length).toBe(350);
    expect(peaks.length).toBe(peakCount(3500));
    expect(peaks.every((value) => Math.abs(value - HALF_SCALE) <= 2)).toBe(true);
  });

  it('takes the loudest channel of each bucket', async () => {
    const sine = tone(0.5, 440, 8000);
    // Left loud in the first second, right loud in the second, three channels in all.
    const signal = (frame: number, channel: number) => (channel === (frame < 8000 ? 0 : 1) ? sine(frame) : sine(frame) / 8);
    const peaks = await computePeaks(write('three.wav', buildPcmWav({ encoding: 's16', sampleRate: 8000, channels: 3, frames: 16000, signal })));
    expect(peaks.length).toBe(200);
    expect(peaks.every((value) => Math.abs(value - HALF_SCALE) <= 2)).toBe(true);
  });

  it.each<PcmEncoding>(['s16', 'f32'])('measures the louder side of the wave, a trough as well as a crest (%s)', async (encoding) => {
    const sine = tone(0.5, 440, 8000);
    // Crests of 0.125 and troughs of −0.5: the bucket's peak is the trough's magnitude.
    const signal = (frame: number) => (sine(frame) > 0 ? sine(frame) / 4 : sine(frame));
    const peaks = await computePeaks(write('troughs.wav', buildPcmWav({ encoding, sampleRate: 8000, channels: 1, frames: 8000, signal })));
    expect(peaks.length).toBe(100);
    expect(peaks.every((value) => Math.abs(value - HALF_SCALE) <= 2)).toBe(true);
  });

  it('reads G.711 A-law and µ-law (telephone recordings)', async () => {
    // A-law 0xA5 → +16896, 0xD5 → +8 (silence); µ-law 0x8F → +16764, 0xFF → 0 (ITU-T G.711 tables).
    const companded = (formatCode: number, loud: number, quiet: number) =>
      wavFile(fmtChunk(formatCode, 1, 8000, 8), Buffer.concat([Buffer.alloc(80, loud), Buffer.alloc(80, quiet)]));
    expect([...(await computePeaks(write('alaw.wav', companded(6, 0xa5, 0xd5))))]).toEqual([131, 0]);
    expect([...(await computePeaks(write('mulaw.wav', companded(7, 0x8f, 0xff))))]).toEqual([130, 0]);
  });

  it('reads to the end of the file when the data size is unknown or zero', async () => {
    const wav = (declaredDataBytes: number) =>
      buildPcmWav({ encoding: 's16', sampleRate: 8000, channels: 1, frames: 16000, signal: toneThenSilence(8000), declaredDataBytes });
    expectToneThenSilence(await computePeaks(write('streamed.wav', wav(0xffffffff))));
    expectToneThenSilence(await computePeaks(write('unpatched.wav', wav(0))));
    expectToneThenSilence(await computePeaks(write('cut-off.wav', wav(1_000_000))));
  });

  it('skips chunks around the audio, with their pad bytes, and never reads them as samples', async () => {
    const loudJunk = Buffer.alloc(301, 0x7f); // odd length: padded
    const path = write(
      'chunky.wav',
      buildPcmWav({
        encoding: 's16',
        sampleRate: 8000,
        channels: 1,
        frames: 16000,
        signal: toneThenSilence(8000),
        chunksBeforeData: [riffChunk('LIST', loudJunk)],
        chunksAfterData: [riffChunk('id3 ', loudJunk)],
      }),
    );
    expectToneThenSilence(await computePeaks(path));
  });

  it('fails clearly on a truncated, corrupt or unsupported WAV', async () => {
    const good = buildPcmWav({ encoding: 's16', sampleRate: 8000, channels: 1, frames: 100, signal: () => 0 });
    await expect(computePeaks(write('short.wav', good.subarray(0, 30)))).rejects.toThrow(/corrupt WAV: the file ends inside the fmt chunk/);
    await expect(computePeaks(write('no-data.wav', good.subarray(0, 36)))).rejects.toThrow(/corrupt WAV: no data chunk/);
    const adpcm = wavFile(fmtChunk(2, 1, 8000, 4), Buffer.alloc(100));
    await expect(computePeaks(write('adpcm.wav', adpcm))).rejects.toThrow(/unsupported WAV encoding \(format code 0x0002\)/);
    const badFrames = Buffer.from(good);
    badFrames.writeUInt16LE(7, 32); // block align that fits no 16-bit layout
    await expect(computePeaks(write('bad-align.wav', badFrames))).rejects.toThrow(/corrupt WAV: 7-byte frames/);
  });

  it('stops when aborted, before or while reading', async () => {
    const fiveMinutes = 5 * 60 * 8000;
    const path = write('tone.wav', buildPcmWav({ encoding: 's16', sampleRate: 8000, channels: 1, frames: fiveMinutes, signal: () => 0.5 }));
    await expect(computePeaks(path, { signal: AbortSignal.abort() })).rejects.toMatchObject({ name: 'AbortError' });
    const controller = new AbortController();
    const pending = computePeaks(path, { signal: controller.signal });
    setImmediate(() => controller.abort());
    await expect(pending).rejects.toMatchObject({ name: 'AbortError' });
  });
});

describe('PeakBuckets of decoded audio (planar floats)', () => {
  it('takes the largest magnitude over the channels, negative samples included', () => {
    const buckets = new PeakBuckets(8000);
    // 10 ms buckets of 80 frames: the left channel's trough is the loudest of the first, the right's crest of the second.
    const left = Float32Array.from({ length: 160 }, (_, frame) => (frame === 40 ? -0.75 : 0.1));
    const right = Float32Array.from({ length: 160 }, (_, frame) => (frame === 120 ? 0.5 : frame < 80 ? -0.2 : 0));
    buckets.addPlanar([left, right], 160);
    expect([...buckets.finish()]).toEqual([Math.round(255 * 0.75), Math.round(255 * 0.5)]);
  });
});

describe('computePeaks of compressed audio', () => {
  const tempDir = useTempDirs();

  // Whole-file lengths as decoded. The MP3 decodes to its real 1 s: the decoder drops
  // the encoder delay and padding that the probe's 1071 ms still counts.
  it.each([
    ['tone-22050hz-mono-1s.mp3', 1000],
    ['tone-16000hz-stereo-0.5s.flac', 500],
    ['tone-44100hz-stereo-1s.ogg', 1000],
  ])('decodes %s into about %i ms of loud buckets', async (name, durationMs) => {
    const peaks = await computePeaks(join(fixturesDir, name));
    expect(Math.abs(peaks.length - peakCount(durationMs))).toBeLessThanOrEqual(2);
    // Skip the first and last buckets: encoders fade and pad the edges.
    const middle = peaks.subarray(5, -5);
    expect(middle.every((value) => value > 100 && value < 160)).toBe(true);
  });

  it('fails clearly when nothing decodes', async () => {
    const path = join(tempDir(), 'noise.flac');
    writeFileSync(path, Buffer.concat([Buffer.from('fLaC', 'latin1'), Buffer.alloc(50_000, 0x55)]));
    await expect(computePeaks(path)).rejects.toThrow(/no FLAC audio could be decoded/);
    const text = join(tempDir(), 'notes.mp3');
    writeFileSync(text, 'just some words, not audio\n');
    await expect(computePeaks(text)).rejects.toThrow(/not audio: the file contains text/);
  });

  it('stops decoding when aborted', async () => {
    // Copies of the MP3 play back to back: 200 s, long enough to be mid-decode.
    const path = join(tempDir(), 'long.mp3');
    writeFileSync(path, Buffer.concat(Array.from({ length: 200 }, () => readFileSync(join(fixturesDir, 'tone-22050hz-mono-1s.mp3')))));
    const controller = new AbortController();
    const pending = computePeaks(path, { signal: controller.signal });
    setImmediate(() => controller.abort());
    await expect(pending).rejects.toMatchObject({ name: 'AbortError' });
  });
});

describe('computePeaks of a 60-minute recording', () => {
  const tempDir = useTempDirs();
  const SAMPLE_RATE = 16_000;
  const MINUTES = 60;

  /** 16 kHz mono 16-bit, 115 MB, written in 30-second blocks so the test never holds it all. */
  function writeHour(path: string): void {
    const blockSeconds = 30;
    const block = buildPcmWav({
      encoding: 's16',
      sampleRate: SAMPLE_RATE,
      channels: 1,
      frames: SAMPLE_RATE * blockSeconds,
      signal: tone(0.5, 440, SAMPLE_RATE),
    });
    const samples = block.subarray(44);
    const blocks = (MINUTES * 60) / blockSeconds;
    const file = openSync(path, 'w');
    try {
      writeSync(file, wavFile(fmtChunk(1, 1, SAMPLE_RATE, 16), Buffer.alloc(0), { declaredDataBytes: samples.length * blocks }));
      for (let index = 0; index < blocks; index += 1) writeSync(file, samples);
    } finally {
      closeSync(file);
    }
  }

  it('streams through it in bounded memory', { timeout: 60_000 }, async () => {
    const path = join(tempDir(), 'hour.wav');
    writeHour(path);
    const before = process.memoryUsage();
    let peakRss = before.rss;
    let peakArrayBuffers = before.arrayBuffers;
    const sampler = setInterval(() => {
      const now = process.memoryUsage();
      peakRss = Math.max(peakRss, now.rss);
      peakArrayBuffers = Math.max(peakArrayBuffers, now.arrayBuffers);
    }, 5);
    try {
      const peaks = await computePeaks(path);
      expect(peaks.length).toBe(peakCount(MINUTES * 60_000));
      expect(peaks.every((value) => Math.abs(value - HALF_SCALE) <= 2)).toBe(true);
    } finally {
      clearInterval(sampler);
    }
    const MB = 1024 * 1024;
    expect((peakRss - before.rss) / MB).toBeLessThan(64);
    expect((peakArrayBuffers - before.arrayBuffers) / MB).toBeLessThan(64);
  });
});
