import { readFile } from 'node:fs/promises';
import sharp from 'sharp';
import type { RgbImage } from '../../shared/train/window-crops';

/** An image decoded to RGB bytes, shrunk by a scale, with the upright original's size. */
export interface DecodedImage {
  image: RgbImage;
  original: { width: number; height: number };
}

/**
 * The upright (EXIF-oriented) image, as labelers drew on it, shrunk by `scale` (at most 1) and
 * decoded to RGB bytes: what box crops and detection windows are cut from
 * (`shared/train/window-crops.ts`), the same way for training and for finding boxes. An image
 * that would still hold more than `maxPixels` is refused before it is decoded.
 */
export async function decodeRgb(path: string, scale: number, maxPixels = Infinity): Promise<DecodedImage> {
  // Read here rather than by sharp, so a missing or unreadable file fails with its file system code.
  const source = sharp(await readFile(path), { failOn: 'none', limitInputPixels: false, autoOrient: true });
  const { autoOrient } = await source.metadata();
  const width = Math.max(1, Math.round(autoOrient.width * scale));
  const height = Math.max(1, Math.round(autoOrient.height * scale));
  if (width * height > maxPixels) throw new Error(`too large to look for boxes in (${width}×${height} pixels after shrinking)`);
  const resized = scale < 1 ? source.resize(width, height, { fit: 'fill' }) : source;
  const { data, info } = await resized.removeAlpha().toColourspace('srgb').raw().toBuffer({ resolveWithObject: true });
  return { image: { width: info.width, height: info.height, pixels: new Uint8Array(data.buffer, data.byteOffset, data.byteLength) }, original: autoOrient };
}
