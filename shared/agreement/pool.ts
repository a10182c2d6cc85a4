/**
 * A running sum of comparison counts, with the number of comparisons and of distinct samples.
 * Comparisons arrive grouped by sample, so a sample is new exactly when its index changes.
 */
export class Pool {
  readonly counts: Float64Array;
  comparisons = 0;
  samples = 0;
  private lastSample = -1;

  constructor(width: number) {
    this.counts = new Float64Array(width);
  }

  /** Adds the `counts.length` numbers of `source` at `offset`, from sample number `sampleIndex`. */
  add(source: Float64Array, offset: number, sampleIndex: number): void {
    for (let i = 0; i < this.counts.length; i++) this.counts[i]! += source[offset + i]!;
    this.comparisons++;
    if (sampleIndex !== this.lastSample) {
      this.samples++;
      this.lastSample = sampleIndex;
    }
  }
}

/** The pool under `key` in `pools`, created on first use. */
export function poolFor<K>(pools: Map<K, Pool>, key: K, width: number): Pool {
  let pool = pools.get(key);
  if (!pool) pools.set(key, (pool = new Pool(width)));
  return pool;
}
