import { boxIoU, type BoxCorners } from './box-iou';

/** Pairs (a[i], b[j]) found by {@link overlappingPairs}, in parallel arrays: pair k is `a[k]`, `b[k]`, `iou[k]`. */
export interface OverlappingPairs {
  a: number[];
  b: number[];
  iou: number[];
}

/**
 * Every pair of a box of `a` and a box of `b` whose intersection over union is above 0 and at
 * least `threshold`, found by a sweep over x: boxes enter in order of their left edge, and each
 * is tested only against the boxes of the other list still open at that edge. Memory follows the
 * number of pairs found; time follows the pairs that overlap in x. Empty boxes (no area, or
 * corners that are not numbers) overlap nothing and are left out.
 * @example
 * overlappingPairs([[0, 0, 10, 10], [20, 0, 30, 10]], [[1, 0, 11, 10]], 0.5) // { a: [0], b: [0], iou: [9 / 11] }
 */
export function overlappingPairs(a: readonly BoxCorners[], b: readonly BoxCorners[], threshold: number): OverlappingPairs {
  const pairs: OverlappingPairs = { a: [], b: [], iou: [] };
  const orderA = byLeftEdge(a);
  const orderB = byLeftEdge(b);
  const openA: number[] = [];
  const openB: number[] = [];
  let nextA = 0;
  let nextB = 0;
  while (nextA < orderA.length || nextB < orderB.length) {
    const fromA = nextB >= orderB.length || (nextA < orderA.length && a[orderA[nextA]!]![0] <= b[orderB[nextB]!]![0]);
    const index = fromA ? orderA[nextA++]! : orderB[nextB++]!;
    const box = fromA ? a[index]! : b[index]!;
    const others = fromA ? b : a;
    const open = fromA ? openB : openA;
    // Boxes arrive by left edge, so an open box that ends before this one starts overlaps no later box either.
    let kept = 0;
    for (let k = 0; k < open.length; k++) {
      const other = open[k]!;
      if (others[other]![2] <= box[0]) continue;
      open[kept++] = other;
      const iou = boxIoU(box, others[other]!);
      if (iou > 0 && iou >= threshold) {
        pairs.a.push(fromA ? index : other);
        pairs.b.push(fromA ? other : index);
        pairs.iou.push(iou);
      }
    }
    open.length = kept;
    (fromA ? openA : openB).push(index);
  }
  return pairs;
}

/** Indices of the boxes with an area, by left edge (then index). */
function byLeftEdge(boxes: readonly BoxCorners[]): number[] {
  const order: number[] = [];
  for (let i = 0; i < boxes.length; i++) if (boxes[i]![2] > boxes[i]![0] && boxes[i]![3] > boxes[i]![1]) order.push(i);
  return order.sort((i, j) => boxes[i]![0] - boxes[j]![0] || i - j);
}
