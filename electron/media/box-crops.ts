import { readFile } from 'node:fs/promises';
import sharp from 'sharp';

export interface CropBox {
  x1: number;
  y1: number;
  x2: number;
  y2: number;
}

/**
 * Each box of an image cut out and resized to `size` × `size` RGB (stretched: a classifier
 * wants the object to fill its input), as raw bytes. Boxes are in the upright (EXIF-oriented)
 * image's pixels, as labelers drew them; a box is clamped to the image and made at least a pixel.
 */
export async function cropBoxes(path: string, boxes: readonly CropBox[], size: number): Promise<Buffer[]> {
  // Read here rather than by sharp, so a missing or unreadable file fails with its file system code.
  const image = sharp(await readFile(path), { failOn: 'none', limitInputPixels: false, autoOrient: true });
  const { autoOrient } = await image.metadata();
  const crops: Buffer[] = [];
  for (const box of boxes) {
    const left = clamp(Math.floor(box.x1), 0, autoOrient.width - 1);
    const top = clamp(Math.floor(box.y1), 0, autoOrient.height - 1);
    const width = clamp(Math.ceil(box.x2) - left, 1, autoOrient.width - left);
    const height = clamp(Math.ceil(box.y2) - top, 1, autoOrient.height - top);
    crops.push(
      await image.clone().extract({ left, top, width, height }).resize(size, size, { fit: 'fill' }).removeAlpha().toColourspace('srgb').raw().toBuffer(),
    );
  }
  return crops;
}

function clamp(value: number, low: number, high: number): number {
  return Math.min(Math.max(value, low), high);
}
