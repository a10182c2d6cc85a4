/**
 * The examples a sanity check overfits: up to `count` of the training examples, taken from each
 * class in turn, so that reaching full accuracy means telling classes apart. Empty when the
 * training examples hold fewer than two classes: there is nothing to check then.
 * @example sanitySubset([0, 1, 2, 3], [5, 5, 5, 7], 2) // [0, 3]: one of each class
 */
export function sanitySubset(trainOn: readonly number[], labels: ArrayLike<number>, count: number): number[] {
  const byClass = new Map<number, number[]>();
  for (const example of trainOn) byClass.set(labels[example]!, [...(byClass.get(labels[example]!) ?? []), example]);
  if (byClass.size < 2) return [];
  const queues = [...byClass.values()];
  const chosen: number[] = [];
  for (let round = 0; chosen.length < count && queues.some((queue) => queue.length > round); round++) {
    for (const queue of queues) if (round < queue.length && chosen.length < count) chosen.push(queue[round]!);
  }
  return chosen;
}
