import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import sharp from 'sharp';
import { buildWav } from '../electron/media/wav';

/** Small real media files for import tests, each distinct in content so none is a duplicate by accident. */

function ensureDir(path: string): void {
  mkdirSync(dirname(path), { recursive: true });
}

export async function writeImage(path: string, format: 'jpeg' | 'png' | 'webp', width: number, height: number, seed: number): Promise<void> {
  ensureDir(path);
  const background = { r: (seed * 53) % 256, g: (seed * 97) % 256, b: (seed * 31) % 256 };
  await sharp({ create: { width, height, channels: 3, background } })
    .toFormat(format)
    .toFile(path);
}

/** An image of random noise, which no encoder can shrink: for tests that need files of a known size on disk. */
export async function writeNoiseImage(path: string, width: number, height: number): Promise<void> {
  ensureDir(path);
  await sharp({ create: { width, height, channels: 3, background: { r: 0, g: 0, b: 0 }, noise: { type: 'gaussian', mean: 128, sigma: 60 } } })
    .png()
    .toFile(path);
}

export function writeWav(path: string, durationMs: number, sampleRate = 16_000): void {
  ensureDir(path);
  writeFileSync(path, buildWav({ sampleRate, channels: 1, durationMs }));
}

/** The first part of a real JPEG: the header decodes, the picture data stops short. */
export async function writeTruncatedJpeg(path: string): Promise<void> {
  ensureDir(path);
  const full = await sharp({ create: { width: 320, height: 240, channels: 3, background: { r: 10, g: 200, b: 30 } } })
    .jpeg()
    .toBuffer();
  writeFileSync(path, full.subarray(0, Math.floor(full.length * 0.6)));
}

export function writeText(path: string, text: string): void {
  ensureDir(path);
  writeFileSync(path, text);
}

export function copy(from: string, to: string): void {
  ensureDir(to);
  copyFileSync(from, to);
}

export function bytesOf(path: string): Buffer {
  return readFileSync(path);
}
