import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { probeMedia } from '../../../electron/media/probe';
import type { ProbeOptions, ProbeResult } from '../../../electron/media/probe';
import { buildWav } from './wav';

const fixturesDir = fileURLToPath(new URL('../../fixtures/media/', import.meta.url));
const audioProject: ProbeOptions = { kind: 'audio' };

let workDir: string;

function file(name: string, bytes: Buffer | string = ''): string {
  const path = join(workDir, name);
  writeFileSync(path, bytes);
  return path;
}

function expectOk(result: ProbeResult): Extract<ProbeResult, { ok: true }> {
  if (!result.ok) throw new Error(`expected ok, got rejection: ${result.reason}`);
  return result;
}

function expectRejected(result: ProbeResult, reason: RegExp): void {
  expect(result.ok ? 'accepted' : result.reason).toMatch(reason);
}

/** An empty ID3v2.4 tag: a header and `paddingBytes` of zero padding. */
function id3Tag(paddingBytes: number): Buffer {
  const syncsafeSize = [21, 14, 7, 0].map((shift) => (paddingBytes >> shift) & 0x7f);
  return Buffer.concat([Buffer.from([0x49, 0x44, 0x33, 4, 0, 0, ...syncsafeSize]), Buffer.alloc(paddingBytes)]);
}

beforeAll(() => {
  workDir = mkdtempSync(join(tmpdir(), 'concord-probe-audio-'));
});

afterAll(() => {
  rmSync(workDir, { recursive: true, force: true });
});

describe('probeMedia on good audio', () => {
  it('describes a WAV and hashes its bytes', async () => {
    const bytes = buildWav({ sampleRate: 48_000, channels: 2, durationMs: 1500 });
    const result = expectOk(await probeMedia(file('take 1.wav', bytes), { kind: 'audio', thumbnailDir: workDir }));
    expect(result).toEqual({
      ok: true,
      sha256: createHash('sha256').update(bytes).digest('hex'),
      byteSize: bytes.length,
      mediaKind: 'audio',
      mimeType: 'audio/wav',
      image: null,
      audio: { durationMs: 1500, sampleRate: 48_000, channels: 2 },
      thumbnailPath: null,
    });
  });

  it('describes the committed FLAC and Ogg Vorbis fixtures exactly', async () => {
    const flac = expectOk(await probeMedia(join(fixturesDir, 'tone-16000hz-stereo-0.5s.flac'), audioProject));
    expect(flac).toMatchObject({ mimeType: 'audio/flac', audio: { durationMs: 500, sampleRate: 16_000, channels: 2 } });
    const ogg = expectOk(await probeMedia(join(fixturesDir, 'tone-44100hz-stereo-1s.ogg'), audioProject));
    expect(ogg).toMatchObject({ mimeType: 'audio/ogg', audio: { durationMs: 1000, sampleRate: 44_100, channels: 2 } });
  });

  it('describes the committed MP3 fixture, its duration rounded up to whole frames', async () => {
    const path = join(fixturesDir, 'tone-22050hz-mono-1s.mp3');
    const result = expectOk(await probeMedia(path, audioProject));
    expect(result).toMatchObject({ mimeType: 'audio/mpeg', audio: { sampleRate: 22_050, channels: 1 } });
    expect(result.sha256).toBe(createHash('sha256').update(readFileSync(path)).digest('hex'));
    // An MP3 lasts a whole number of 576-sample frames (26 ms at 22.05 kHz) and
    // music-metadata counts LAME's encoder delay and end padding (up to ~1105 + 576
    // samples, 76 ms) as audio. The source tone is exactly 1000 ms.
    const durationMs = result.audio?.durationMs ?? 0;
    expect(durationMs).toBeGreaterThanOrEqual(1000);
    expect(durationMs).toBeLessThanOrEqual(1000 + Math.ceil(((1105 + 576) / 22_050) * 1000));
  });

  it('accepts audio named with another supported audio extension, with the real MIME type', async () => {
    const mp3 = readFileSync(join(fixturesDir, 'tone-22050hz-mono-1s.mp3'));
    const result = expectOk(await probeMedia(file('really-an-mp3.wav', mp3), audioProject));
    expect(result).toMatchObject({ mimeType: 'audio/mpeg', audio: { sampleRate: 22_050 } });
  });

  it('reads audio behind an ID3 tag, short or longer than the sniffed head', async () => {
    const flac = readFileSync(join(fixturesDir, 'tone-16000hz-stereo-0.5s.flac'));
    const mp3 = readFileSync(join(fixturesDir, 'tone-22050hz-mono-1s.mp3'));
    for (const paddingBytes of [100, 10_000]) {
      const taggedFlac = expectOk(await probeMedia(file('tagged.flac', Buffer.concat([id3Tag(paddingBytes), flac])), audioProject));
      expect(taggedFlac).toMatchObject({ mimeType: 'audio/flac', audio: { durationMs: 500 } });
      const retaggedMp3 = expectOk(await probeMedia(file('tagged.mp3', Buffer.concat([id3Tag(paddingBytes), mp3])), audioProject));
      expect(retaggedMp3).toMatchObject({ mimeType: 'audio/mpeg', audio: { sampleRate: 22_050 } });
    }
  });
});

describe('probeMedia on bad audio', () => {
  it('rejects an empty file', async () => {
    expectRejected(await probeMedia(file('empty.wav'), audioProject), /empty file \(0 bytes\)/);
  });

  it('rejects a WAV without samples', async () => {
    const headerOnly = buildWav({ sampleRate: 16_000, channels: 1, durationMs: 0 });
    expectRejected(await probeMedia(file('silent.wav', headerOnly), audioProject), /no samples \(duration 0\)/);
  });

  it('rejects a WAV whose data chunk claims more bytes than the file has', async () => {
    const whole = buildWav({ sampleRate: 16_000, channels: 1, durationMs: 1000 });
    const cut = whole.subarray(0, 44 + 12_000);
    expectRejected(await probeMedia(file('cut.wav', cut), audioProject), /truncated WAV: header says 32000 bytes of audio, file has 12000/);
  });

  it('rejects a WAV with a corrupt format header', async () => {
    const wav = buildWav({ sampleRate: 16_000, channels: 1, durationMs: 200 });
    wav.fill(0xff, 20, 36);
    expectRejected(await probeMedia(file('garbled.wav', wav), audioProject), /corrupt or unsupported audio: implausible/);
  });

  it('rejects text, unrelated formats and noise by content', async () => {
    expectRejected(await probeMedia(file('notes.wav', 'RIFF? no, a note\n'), audioProject), /not a WAV audio file.*text/);
    const pngSignature = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');
    expectRejected(await probeMedia(file('picture.wav', pngSignature), audioProject), /file is a PNG image but is named \.wav/);
    const noise = Buffer.from(Array.from({ length: 4000 }, (_, index) => (index * 7919 + 13) % 251));
    expectRejected(await probeMedia(file('noise.mp3', noise), audioProject), /corrupt or unsupported audio/);
  });

  it('rejects a truncated Ogg file', async () => {
    const ogg = readFileSync(join(fixturesDir, 'tone-44100hz-stereo-1s.ogg'));
    expectRejected(await probeMedia(file('cut.ogg', ogg.subarray(0, 3000)), audioProject), /corrupt or unsupported audio/);
  });

  it('stops a probe of a huge file when the signal aborts, rejecting with an AbortError', async () => {
    // A 1 GiB WAV of silence: a real header, then zeros never written (a sparse file).
    const path = join(workDir, 'huge.wav');
    const dataBytes = 1024 ** 3;
    const header = buildWav({ sampleRate: 48_000, channels: 2, durationMs: 0, declaredDataBytes: dataBytes });
    header.writeUInt32LE(36 + dataBytes, 4);
    writeFileSync(path, header);
    truncateSync(path, header.length + dataBytes);

    const controller = new AbortController();
    const started = Date.now();
    setTimeout(() => controller.abort(), 50);
    await expect(probeMedia(path, { kind: 'audio', signal: controller.signal })).rejects.toMatchObject({
      name: 'AbortError',
    });
    // Hashing all of it takes about a second; an abort must not wait for that.
    expect(Date.now() - started).toBeLessThan(500);
  });
});
