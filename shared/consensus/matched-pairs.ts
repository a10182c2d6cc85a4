import { boxIoU } from '../metrics/box-iou';
import { matchBoxes, type BoxCorners } from '../metrics/box-matching';

/** Above this many candidate pairs, every pair is not tried: `matchBoxes` sweeps instead. */
const ALL_PAIRS_LIMIT = 1_024;

/**
 * `matchBoxes(objects, boxes, { threshold }).matches`, by object. Most images are easy: each box
 * overlaps at most one object enough to match and the other way round, so every pair that could
 * match is its own component and matches as it is (what `matchBoxes` gives such pairs). Those are
 * found by trying every pair, without the sweep's and the assignment's sorts and arrays, which
 * were most of what a version's 100,000 consensuses allocated; anything else goes to `matchBoxes`.
 * @example matchedPairs([[0, 0, 10, 10]], [[50, 50, 60, 60], [1, 0, 10, 10]], 0.5) // [{ a: 0, b: 1 }]
 */
export function matchedPairs(objects: readonly BoxCorners[], boxes: readonly BoxCorners[], threshold: number): readonly { a: number; b: number }[] {
  if (objects.length * boxes.length > ALL_PAIRS_LIMIT) return matchBoxes(objects, boxes, { threshold }).matches;
  const pairs: { a: number; b: number }[] = [];
  const boxTaken = new Array<boolean>(boxes.length).fill(false);
  for (let a = 0; a < objects.length; a++) {
    let objectTaken = false;
    for (let b = 0; b < boxes.length; b++) {
      const iou = boxIoU(objects[a]!, boxes[b]!);
      if (!(iou > 0 && iou >= threshold)) continue;
      // A box or an object in two candidate pairs: the assignment decides between them.
      if (objectTaken || boxTaken[b]) return matchBoxes(objects, boxes, { threshold }).matches;
      objectTaken = true;
      boxTaken[b] = true;
      pairs.push({ a, b });
    }
  }
  return pairs;
}
