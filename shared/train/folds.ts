import { mulberry32, shuffleInPlace } from '../assignment/prng';

/**
 * Assigns each example to one of `k` folds for cross-validation, by sample, so that the crops of
 * one image never sit on both sides of a split. Samples are shuffled (seeded) and then dealt
 * round-robin: the folds differ in size by at most one sample, an import order that cycles
 * through classes cannot put one class in each fold, and the same ids and seed always give the
 * same folds.
 * @example foldsBySample([7, 7, 3, 9], 2) // the two crops of sample 7 share a fold
 */
export function foldsBySample(sampleIds: readonly number[], k: number, seed = 1): number[] {
  const order = [...new Set(sampleIds)].sort((x, y) => x - y);
  shuffleInPlace(order, mulberry32(seed));
  const fold = new Map(order.map((id, i) => [id, i % k]));
  return sampleIds.map((id) => fold.get(id)!);
}
