import { existsSync } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { makePrivate, mkdirPrivate } from '../fs/private-files';
import sharp from 'sharp';

/**
 * Longest side a browser canvas reliably draws. Chromium caps canvases near 16k px and
 * 268 M pixels, and decoding a 20000×20000 image takes 1.6 GB; a copy this size keeps the
 * editor fast while boxes stay in full-resolution coordinates.
 */
export const DISPLAY_MAX_SIDE = 8192;

export function needsDisplayRendition(width: number, height: number): boolean {
  return Math.max(width, height) > DISPLAY_MAX_SIDE;
}

const inFlight = new Map<string, Promise<string>>();

/** The downsampled copy of a very large image, made once and cached by content hash. */
export function displayRendition(original: string, sha256: string, cacheDir: string): Promise<string> {
  const target = join(cacheDir, `${sha256}.webp`);
  if (existsSync(target)) return Promise.resolve(target);
  let pending = inFlight.get(target);
  if (!pending) {
    pending = render(original, target).finally(() => inFlight.delete(target));
    inFlight.set(target, pending);
  }
  return pending;
}

async function render(original: string, target: string): Promise<string> {
  await mkdirPrivate(join(target, '..'));
  const temp = `${target}.${process.pid}.part`;
  try {
    await sharp(original, { limitInputPixels: false, failOn: 'error' })
      .rotate()
      .resize(DISPLAY_MAX_SIDE, DISPLAY_MAX_SIDE, { fit: 'inside', withoutEnlargement: true })
      .webp({ quality: 90 })
      .toFile(temp);
    await makePrivate(temp);
    await rename(temp, target);
    return target;
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}
