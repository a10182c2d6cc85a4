/**
 * What one sample adds to one aggregate: the summed counts of its comparisons that belong there,
 * how many comparisons those were, and (boxes) the confusion of matched boxes' classes.
 */
export interface Contribution {
  readonly counts: Float64Array;
  comparisons: number;
  /** Matched pairs by {@link confusionKey}(class of the lower labeler id, class of the other). */
  readonly confusion: Map<number, number>;
}

export function emptyContribution(width: number): Contribution {
  return { counts: new Float64Array(width), comparisons: 0, confusion: new Map() };
}

/** Makes `contribution` empty again, as {@link emptyContribution} makes one, to be reused. */
export function clearContribution(contribution: Contribution): void {
  // A loop, not `fill`, and the map cleared only when used: a sample's few numbers cost less to set than the builtins' calls.
  for (let k = 0; k < contribution.counts.length; k++) contribution.counts[k] = 0;
  contribution.comparisons = 0;
  if (contribution.confusion.size > 0) contribution.confusion.clear();
}

/** Adds `source`'s counts and confusion into `target` (one more comparison). */
export function addComparison(target: Contribution, counts: Float64Array, confusion: ReadonlyMap<number, number> | null): void {
  for (let i = 0; i < target.counts.length; i++) target.counts[i]! += counts[i]!;
  target.comparisons++;
  if (confusion) for (const [key, count] of confusion) target.confusion.set(key, (target.confusion.get(key) ?? 0) + count);
}

// Class ids below 2^26 pack into one exact double: 2^26 · 2^26 = 2^52 < 2^53.
const CLASS_KEY = 2 ** 26;

/** One number for an ordered pair of class ids (each below 2^26). */
export function confusionKey(classA: number, classB: number): number {
  return classA * CLASS_KEY + classB;
}

/** The two class ids of a {@link confusionKey}. */
export function confusionClasses(key: number): [classA: number, classB: number] {
  return [Math.floor(key / CLASS_KEY), key % CLASS_KEY];
}

/**
 * A running sum of the contributions of the samples that reach one aggregate. Samples come and
 * go (a labeler resubmits): `apply(c, -1)` takes back exactly what `apply(c, 1)` added.
 */
export class Pool {
  readonly counts: Float64Array;
  comparisons = 0;
  samples = 0;
  readonly confusion = new Map<number, number>();

  constructor(width: number) {
    this.counts = new Float64Array(width);
  }

  /**
   * As {@link apply}, from a packed entry's numbers (see `forEachPackedContribution`): the counts
   * from `countsAt`, the confusion as `confusionSize` (key, count) pairs from `confusionAt`.
   */
  applyPacked(data: Float64Array, countsAt: number, comparisons: number, confusionAt: number, confusionSize: number, sign: 1 | -1): void {
    for (let i = 0; i < this.counts.length; i++) this.counts[i]! += sign * data[countsAt + i]!;
    this.comparisons += sign * comparisons;
    this.samples += sign;
    for (let k = 0, at = confusionAt; k < confusionSize; k++, at += 2) {
      const key = data[at]!;
      const total = (this.confusion.get(key) ?? 0) + sign * data[at + 1]!;
      if (total === 0) this.confusion.delete(key);
      else this.confusion.set(key, total);
    }
  }

  apply(contribution: Contribution, sign: 1 | -1): void {
    for (let i = 0; i < this.counts.length; i++) this.counts[i]! += sign * contribution.counts[i]!;
    this.comparisons += sign * contribution.comparisons;
    this.samples += sign;
    for (const [key, count] of contribution.confusion) {
      const total = (this.confusion.get(key) ?? 0) + sign * count;
      if (total === 0) this.confusion.delete(key);
      else this.confusion.set(key, total);
    }
  }
}
