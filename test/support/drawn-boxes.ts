import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import type { BboxPayload } from '../../shared/annotation/payload';
import { mulberry32 } from '../../shared/assignment/prng';

/** The colours objects of class 0 and 1 are drawn in. */
const COLOURS = [
  { r: 230, g: 159, b: 0 },
  { r: 86, g: 180, b: 233 },
] as const;

/** An object drawn in a picture: where, and which class (0 or 1). */
export interface DrawnBox {
  x1: number;
  y1: number;
  x2: number;
  y2: number;
  classIndex: 0 | 1;
}

/**
 * Writes `names` as `side` × `side` PNGs into `dir`: a plain grey picture (its shade varies by
 * image) with one or two filled rectangles of two colours (the classes) that do not touch, placed
 * by `seed`. Returns each file's boxes, to label the images with or to check what a model finds.
 */
export async function writeDrawnBoxes(dir: string, names: readonly string[], seed: number, side = 64): Promise<Map<string, DrawnBox[]>> {
  mkdirSync(dir, { recursive: true });
  const random = mulberry32(seed);
  const drawn = new Map<string, DrawnBox[]>();
  for (const name of names) {
    const boxes: DrawnBox[] = [];
    const wanted = 1 + Math.floor(random() * 2);
    for (let attempt = 0; attempt < 50 && boxes.length < wanted; attempt++) {
      const width = 14 + Math.floor(random() * 6);
      const height = 14 + Math.floor(random() * 6);
      const x1 = Math.floor(random() * (side - width));
      const y1 = Math.floor(random() * (side - height));
      const box: DrawnBox = { x1, y1, x2: x1 + width, y2: y1 + height, classIndex: random() < 0.5 ? 0 : 1 };
      if (boxes.some((b) => b.x1 < box.x2 + 3 && box.x1 < b.x2 + 3 && b.y1 < box.y2 + 3 && box.y1 < b.y2 + 3)) continue;
      boxes.push(box);
    }
    const grey = 70 + Math.floor(random() * 60);
    await sharp({ create: { width: side, height: side, channels: 3, background: { r: grey, g: grey, b: grey } } })
      .composite(
        boxes.map((b) => ({
          input: { create: { width: b.x2 - b.x1, height: b.y2 - b.y1, channels: 3 as const, background: COLOURS[b.classIndex] } },
          left: b.x1,
          top: b.y1,
        })),
      )
      .png()
      .toFile(join(dir, name));
    drawn.set(name, boxes);
  }
  return drawn;
}

/** A submitted-ready label of drawn boxes, the classes given by the project's class ids in class-index order. */
export function drawnLabel(boxes: readonly DrawnBox[], classIds: readonly [number, number]): BboxPayload {
  return {
    v: 1,
    kind: 'bbox',
    boxes: boxes.map(({ classIndex, ...corners }, i) => ({ id: `b${i + 1}`, classId: classIds[classIndex], ...corners })),
    noObjects: false,
    flags: { unsure: false, comment: '', mediaBroken: false },
    tags: [],
  };
}
