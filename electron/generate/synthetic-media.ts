import { closeSync, openSync, writeSync } from 'node:fs';
import { crc32, deflateSync } from 'node:zlib';
import type { Random } from '../../shared/assignment/prng';

/** A filled rectangle in image pixels, drawn into a synthetic picture. */
export interface FilledRect {
  x1: number;
  y1: number;
  x2: number;
  y2: number;
  rgb: readonly [number, number, number];
}

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

function pngChunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(data, crc32(head.subarray(4))), 0);
  return Buffer.concat([head, data, crc]);
}

/**
 * A real, decodable RGB PNG: a textured background with the given rectangles painted on it, so
 * the objects a generated label claims are visible in the picture. Written directly (zlib and
 * CRC-32 from Node) because a thousand files a second is more than an image library's
 * per-call overhead allows. Colour and grain come from `random`, so every file differs in
 * content (imports recognise duplicates by hash).
 */
export function syntheticPng(width: number, height: number, rects: readonly FilledRect[], random: Random): Buffer {
  const stride = width * 3 + 1;
  const raw = Buffer.alloc(stride * height);
  const base = [64 + Math.floor(random() * 96), 64 + Math.floor(random() * 96), 64 + Math.floor(random() * 96)];
  for (let y = 0; y < height; y++) {
    // One random draw per row and a fixed texture keep the file small and quick to make, yet unique.
    const grain = Math.floor(random() * 24);
    // Each row starts with its filter type, 0 (none).
    for (let x = 0; x < width; x++) {
      const at = y * stride + 1 + x * 3;
      const texture = (x ^ y) & 15;
      raw[at] = base[0]! + grain + texture;
      raw[at + 1] = base[1]! + grain + texture;
      raw[at + 2] = base[2]! + grain + texture;
    }
  }
  for (const rect of rects) {
    for (let y = Math.max(0, Math.floor(rect.y1)); y < Math.min(height, Math.ceil(rect.y2)); y++) {
      for (let x = Math.max(0, Math.floor(rect.x1)); x < Math.min(width, Math.ceil(rect.x2)); x++) {
        raw.set(rect.rgb, y * stride + 1 + x * 3);
      }
    }
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.writeUInt8(8, 8); // bits per channel
  header.writeUInt8(2, 9); // truecolour RGB
  return Buffer.concat([PNG_SIGNATURE, pngChunk('IHDR', header), pngChunk('IDAT', deflateSync(raw, { level: 1 })), pngChunk('IEND', Buffer.alloc(0))]);
}

/** The 44-byte header of a 16-bit mono PCM WAV of `frames` samples. */
function wavHeader(frames: number, sampleRate: number): Buffer {
  const header = Buffer.alloc(44);
  header.write('RIFF', 0, 'latin1');
  header.writeUInt32LE(36 + frames * 2, 4);
  header.write('WAVEfmt ', 8, 'latin1');
  header.writeUInt32LE(16, 16);
  header.writeUInt16LE(1, 20); // PCM
  header.writeUInt16LE(1, 22); // mono
  header.writeUInt32LE(sampleRate, 24);
  header.writeUInt32LE(sampleRate * 2, 28);
  header.writeUInt16LE(2, 32);
  header.writeUInt16LE(16, 34);
  header.write('data', 36, 'latin1');
  header.writeUInt32LE(frames * 2, 40);
  return header;
}

/**
 * The samples of a speech-like clip, `chunkFrames` at a time: short bursts of a wobbling tone
 * over faint noise, its pitch and rhythm drawn from `random`. One voice throughout, however the
 * clip is cut into chunks.
 */
function* speechLikeSamples(frames: number, sampleRate: number, random: Random, chunkFrames: number): Generator<Buffer> {
  const pitch = 120 + random() * 140;
  const rhythm = 2 + random() * 4;
  for (let first = 0; first < frames; first += chunkFrames) {
    const chunk = Buffer.alloc(Math.min(chunkFrames, frames - first) * 2);
    for (let i = 0; i < chunk.length / 2; i++) {
      const t = (first + i) / sampleRate;
      const envelope = Math.max(0, Math.sin(2 * Math.PI * rhythm * t));
      const tone = envelope * Math.sin(2 * Math.PI * (pitch + 30 * Math.sin(t * 9)) * t);
      const value = Math.round(10_000 * tone + (random() - 0.5) * 400);
      chunk.writeInt16LE(Math.max(-32_768, Math.min(32_767, value)), i * 2);
    }
    yield chunk;
  }
}

const framesOf = (durationMs: number, sampleRate: number) => Math.round((durationMs * sampleRate) / 1000);

/**
 * A real 16-bit mono PCM WAV of speech-like sound (see `speechLikeSamples`), different in content
 * for every `random` stream.
 */
export function syntheticWav(durationMs: number, sampleRate: number, random: Random): Buffer {
  const frames = framesOf(durationMs, sampleRate);
  return Buffer.concat([wavHeader(frames, sampleRate), ...speechLikeSamples(frames, sampleRate, random, frames)]);
}

/**
 * The same WAV as `syntheticWav`, written to `path` a second at a time, so that an hour of audio
 * takes no more memory than a second of it.
 */
export function writeSyntheticWav(path: string, durationMs: number, sampleRate: number, random: Random): void {
  const frames = framesOf(durationMs, sampleRate);
  const fd = openSync(path, 'w');
  try {
    writeSync(fd, wavHeader(frames, sampleRate));
    for (const chunk of speechLikeSamples(frames, sampleRate, random, sampleRate)) writeSync(fd, chunk);
  } finally {
    closeSync(fd);
  }
}
