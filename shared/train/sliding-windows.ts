import type { Random } from '../assignment/prng';
import { boxIoU, type BoxCorners } from '../metrics/box-iou';

/** A window's size in image pixels. */
export interface WindowSize {
  width: number;
  height: number;
}

/**
 * A few window sizes that cover the labelled boxes: the boxes sorted by area and cut into `count`
 * equal groups, each group's median width and height (so aspect ratios follow the labels, not a
 * fixed grid). Duplicates are dropped.
 * @example windowSizes([[0, 0, 10, 20], [0, 0, 30, 30]], 2) // [{ width: 10, height: 20 }, { width: 30, height: 30 }]
 */
export function windowSizes(boxes: readonly BoxCorners[], count = 3): WindowSize[] {
  const sized = boxes.map((b) => ({ width: b[2] - b[0], height: b[3] - b[1] })).filter((s) => s.width > 0 && s.height > 0);
  sized.sort((p, q) => p.width * p.height - q.width * q.height);
  const sizes: WindowSize[] = [];
  const groups = Math.min(count, sized.length);
  for (let g = 0; g < groups; g++) {
    const group = sized.slice(Math.floor((g * sized.length) / groups), Math.floor(((g + 1) * sized.length) / groups));
    const size = { width: Math.round(median(group.map((s) => s.width))), height: Math.round(median(group.map((s) => s.height))) };
    if (!sizes.some((s) => s.width === size.width && s.height === size.height)) sizes.push(size);
  }
  return sizes;
}

/**
 * Every window of each size over the image, stepped by `strideFraction` of the window's side
 * (at least a pixel), the last row and column flush with the image's edge so no border is missed.
 * Sizes larger than the image are left out.
 */
export function slidingWindows(imageWidth: number, imageHeight: number, sizes: readonly WindowSize[], strideFraction = 0.25): BoxCorners[] {
  const windows: BoxCorners[] = [];
  for (const { width, height } of sizes) {
    if (width > imageWidth || height > imageHeight) continue;
    for (const y of steps(imageHeight - height, Math.max(1, Math.round(height * strideFraction))))
      for (const x of steps(imageWidth - width, Math.max(1, Math.round(width * strideFraction)))) windows.push([x, y, x + width, y + height]);
  }
  return windows;
}

/**
 * Up to `count` random windows (sizes drawn from `sizes`) that overlap no labelled box by IoU
 * `maxIoU` or more: examples of "nothing here" for a classifier to learn to say so. Fewer when the
 * image is crowded (a bounded number of draws).
 */
export function backgroundWindows(
  imageWidth: number,
  imageHeight: number,
  labelled: readonly BoxCorners[],
  sizes: readonly WindowSize[],
  count: number,
  random: Random,
  maxIoU = 0.1,
): BoxCorners[] {
  const fitting = sizes.filter((s) => s.width <= imageWidth && s.height <= imageHeight);
  const windows: BoxCorners[] = [];
  for (let draw = 0; draw < count * 20 && windows.length < count && fitting.length > 0; draw++) {
    const { width, height } = fitting[Math.floor(random() * fitting.length)]!;
    const x = Math.floor(random() * (imageWidth - width + 1));
    const y = Math.floor(random() * (imageHeight - height + 1));
    const window = [x, y, x + width, y + height] as const;
    if (labelled.every((box) => boxIoU(box, window) < maxIoU)) windows.push(window);
  }
  return windows;
}

/**
 * The part of the image a window's crop is cut from: the window with a quarter of its size added on
 * each side, so the classifier sees an object's edges and can tell a window on the whole object
 * from one inside it. Training crops and predicted windows must be cut the same way.
 */
export function withContext([x1, y1, x2, y2]: BoxCorners): BoxCorners {
  const [marginX, marginY] = [(x2 - x1) / 4, (y2 - y1) / 4];
  return [x1 - marginX, y1 - marginY, x2 + marginX, y2 + marginY];
}

function steps(last: number, stride: number): number[] {
  const out: number[] = [];
  for (let at = 0; at < last; at += stride) out.push(at);
  out.push(last);
  return out;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}
