/**
 * Assigns each example to one of `k` folds for cross-validation, by sample, so that the crops of
 * one image never sit on both sides of a split. Samples are dealt round-robin in id order: the
 * folds differ in size by at most one sample, and the same ids always give the same folds.
 * @example foldsBySample([7, 7, 3, 9], 2) // [1, 1, 0, 0]: sample 3 → fold 0, 7 → 1, 9 → 0
 */
export function foldsBySample(sampleIds: readonly number[], k: number): number[] {
  const order = [...new Set(sampleIds)].sort((x, y) => x - y);
  const fold = new Map(order.map((id, i) => [id, i % k]));
  return sampleIds.map((id) => fold.get(id)!);
}
