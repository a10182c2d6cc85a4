import { mulberry32, shuffleInPlace } from '../assignment/prng';

/**
 * Assigns each example to one of `k` folds for cross-validation, by sample, so that the crops of
 * one image never sit on both sides of a split. Samples are shuffled (seeded), grouped by the
 * class of their first example, and dealt round-robin: every class is spread over the folds, the
 * folds differ in size by at most one sample, and the same input always gives the same folds.
 * @example foldsBySample([7, 7, 3, 9], [0, 0, 1, 1], 2) // the two crops of sample 7 share a fold
 */
export function foldsBySample(sampleIds: readonly number[], labels: readonly number[], k: number, seed = 1): number[] {
  const classOf = new Map<number, number>();
  sampleIds.forEach((id, i) => {
    if (!classOf.has(id)) classOf.set(id, labels[i]!);
  });
  const order = [...classOf.keys()].sort((x, y) => x - y);
  shuffleInPlace(order, mulberry32(seed));
  order.sort((x, y) => classOf.get(x)! - classOf.get(y)!); // stable: shuffled within each class
  const fold = new Map(order.map((id, i) => [id, i % k]));
  return sampleIds.map((id) => fold.get(id)!);
}

/**
 * Which examples cross-validation can judge: those whose class also has examples outside their
 * own fold. A class held out whole was never seen by the model that predicted it, so its label
 * would look wrong whatever it is.
 */
export function judgeable(folds: readonly number[], labels: readonly number[]): boolean[] {
  const foldsOfClass = new Map<number, Set<number>>();
  labels.forEach((label, i) => foldsOfClass.set(label, (foldsOfClass.get(label) ?? new Set()).add(folds[i]!)));
  return labels.map((label, i) => [...foldsOfClass.get(label)!].some((fold) => fold !== folds[i]));
}
