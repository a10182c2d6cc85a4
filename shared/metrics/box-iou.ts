/** A box as `[x1, y1, x2, y2]`, x1 ≤ x2 and y1 ≤ y2, in any one unit (image pixels). */
export type BoxCorners = readonly [x1: number, y1: number, x2: number, y2: number];

/**
 * Intersection over union of two boxes, area = (x2 − x1)(y2 − y1); 0 when they do not overlap
 * or both are empty. A box with x2 < x1 or y2 < y1 counts as empty.
 * @example boxIoU([0, 0, 2, 2], [1, 0, 3, 2]) // 2 / 6 = 1/3
 */
export function boxIoU(p: BoxCorners, q: BoxCorners): number {
  const width = Math.min(p[2], q[2]) - Math.max(p[0], q[0]);
  const height = Math.min(p[3], q[3]) - Math.max(p[1], q[1]);
  if (width <= 0 || height <= 0) return 0;
  const intersection = width * height;
  const union = area(p) + area(q) - intersection;
  return union > 0 ? intersection / union : 0;
}

function area(box: BoxCorners): number {
  return Math.max(0, box[2] - box[0]) * Math.max(0, box[3] - box[1]);
}
