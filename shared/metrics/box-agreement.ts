import { matchBoxes, type BoxCorners, type BoxMatchingOptions, type BoxMatchingResult } from './box-matching';

/**
 * The counts of every image added up, then divided: precision Σtp / (Σtp + Σfp) and so on,
 * with the same `null` conventions as one image; mean IoU over every matched pair.
 */
export type PooledBoxAgreement = Omit<BoxMatchingResult, 'matches'>;

/**
 * Box agreement between two labelers over many images: each image matched on its own
 * (see `matchBoxes`), the counts pooled, so an image with many boxes weighs more than
 * one with few. `a` and `b` hold one box list per image, in the same image order.
 * @example boxAgreement([[[0, 0, 10, 10]]], [[[1, 0, 11, 10]]]).pooled.tp // 1
 */
export function boxAgreement(
  a: readonly (readonly BoxCorners[])[],
  b: readonly (readonly BoxCorners[])[],
  options: BoxMatchingOptions = {},
): { pooled: PooledBoxAgreement; perImage: BoxMatchingResult[] } {
  if (a.length !== b.length) throw new Error(`the two labelers have box lists for different numbers of images (${a.length} and ${b.length})`);
  const perImage = a.map((boxes, i) => matchBoxes(boxes, b[i]!, options));
  let tp = 0;
  let fp = 0;
  let fn = 0;
  let iouSum = 0;
  for (const image of perImage) {
    tp += image.tp;
    fp += image.fp;
    fn += image.fn;
    for (const match of image.matches) iouSum += match.iou;
  }
  const pooled = {
    tp,
    fp,
    fn,
    precision: tp + fp === 0 ? null : tp / (tp + fp),
    recall: tp + fn === 0 ? null : tp / (tp + fn),
    f1: tp + fp + fn === 0 ? null : (2 * tp) / (2 * tp + fp + fn),
    meanIoU: tp === 0 ? null : iouSum / tp,
  };
  return { pooled, perImage };
}
