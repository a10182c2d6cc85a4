import { hashed32, hashedTerms, hashedUniform } from '../assignment/prng';

export interface BootstrapOptions {
  /** Number of resamples; default 200. */
  resamples?: number;
  /** Seed of the weights' hash; default 1. The same seed gives the same interval. */
  seed?: number;
  /** Coverage of the percentile interval; default 0.95. */
  level?: number;
}

/** A percentile bootstrap interval over units (samples); see `PoissonBootstrap`. */
export interface Interval {
  low: number;
  high: number;
}

/**
 * A percentile bootstrap over samples that can follow a changing project. Instead of drawing n
 * samples with replacement (which redraws everything when n changes), every resample weighs each
 * sample by an independent Poisson(1) count: the "Poisson bootstrap" (Hanley & MacGibbon 2006;
 * Chamandy et al. 2012), which matches the ordinary bootstrap for all but tiny n. The weight is a
 * hash of (seed, sample id, resample), so adding or taking back one sample touches only its own
 * terms, and the same project and seed always give the same interval.
 *
 * Each resample keeps a weighted sum of the samples' count vectors; a figure of that sum is one
 * bootstrap value. Cost of a sample: `resamples × width` additions.
 */
export class PoissonBootstrap {
  private readonly sums: Float64Array;
  /** Which of a sample's counts are not zero, found again for each sample applied. */
  private readonly nonZero: Int32Array;
  readonly resamples: number;
  readonly seed: number;
  private readonly level: number;

  constructor(
    private readonly width: number,
    options: BootstrapOptions = {},
  ) {
    ({ resamples: this.resamples, seed: this.seed, level: this.level } = bootstrapSettings(options));
    this.sums = new Float64Array(this.resamples * width);
    this.nonZero = new Int32Array(width);
  }

  /** Adds (sign 1) or takes back (sign −1) sample `sampleId`'s counts. */
  apply(sampleId: number, counts: Float64Array, sign: 1 | -1): void {
    this.applyWeighted(poissonWeights(sampleId, this), counts, sign);
  }

  /**
   * As {@link apply}, with the sample's {@link poissonWeights} computed once for every bootstrap of
   * the same options; the counts are `width` numbers of `counts` from `at` (a packed entry's, unsliced).
   */
  applyWeighted(weights: Uint8Array, counts: Float64Array, sign: 1 | -1, at = 0): void {
    // Only the sample's non-zero counts are added: adding a zero leaves every sum as it was (sums
    // start at +0 and only a −0 plus a −0 makes a −0), and most counts of a sample are zero (a
    // transcript pair read alike has no edits, a clip no boundaries).
    const { width, sums, nonZero } = this;
    let used = 0;
    for (let k = 0; k < width; k++) if (counts[at + k] !== 0) nonZero[used++] = k;
    if (used === 0) return;
    for (let r = 0; r < this.resamples; r++) {
      const weight = sign * weights[r]!;
      if (weight === 0) continue;
      const offset = r * width;
      for (let i = 0; i < used; i++) {
        const k = nonZero[i]!;
        sums[offset + k]! += weight * counts[at + k]!;
      }
    }
  }

  /** As {@link apply} when only the first `used` of `indices` can be non-zero in `counts`: wide, sparse vectors cost their entries. */
  applySparse(sampleId: number, counts: Float64Array, indices: Int32Array, used: number, sign: 1 | -1): void {
    for (let r = 0; r < this.resamples; r++) {
      const weight = sign * poissonWeight(this.seed, sampleId, r);
      if (weight === 0) continue;
      const offset = r * this.width;
      for (let i = 0; i < used; i++) this.sums[offset + indices[i]!]! += weight * counts[indices[i]!]!;
    }
  }

  /** A copy of each resample's weighted sums (`resamples × width` numbers, resample after resample): what {@link restoreSums} takes back. */
  keptSums(): Float64Array {
    return this.sums.slice();
  }

  /** Sets every resample's sums to `sums`, as {@link keptSums} gave them; throws when they are not `resamples × width` numbers. */
  restoreSums(sums: Float64Array): void {
    if (sums.length !== this.sums.length) throw new Error(`a bootstrap of ${this.sums.length} sums given ${sums.length}`);
    this.sums.set(sums);
  }

  /**
   * The (1 − level)/2 and (1 + level)/2 quantiles of `value` over the resamples (linear
   * interpolation between order statistics, R type 7); resamples without a value are left out;
   * `null` when none has one.
   */
  interval(value: (sums: Float64Array) => number | null): Interval | null {
    const values: number[] = [];
    for (let r = 0; r < this.resamples; r++) {
      const result = value(this.sums.subarray(r * this.width, (r + 1) * this.width));
      if (result !== null && Number.isFinite(result)) values.push(result);
    }
    return percentileInterval(values, this.level);
  }
}

/**
 * The same bootstrap for counts by key whose keys are not known in advance (a confusion of
 * classes, say): each key keeps one weighted sum per resample, with the same weights as a
 * {@link PoissonBootstrap} of the same seed, so the two resample the same samples together.
 */
export class KeyedPoissonBootstrap {
  private readonly sums = new Map<number, Float64Array>();
  readonly resamples: number;
  readonly seed: number;
  private readonly level: number;

  constructor(options: BootstrapOptions = {}) {
    ({ resamples: this.resamples, seed: this.seed, level: this.level } = bootstrapSettings(options));
  }

  /** Adds (sign 1) or takes back (sign −1) sample `sampleId`'s counts. */
  apply(sampleId: number, counts: ReadonlyMap<number, number>, sign: 1 | -1): void {
    if (counts.size > 0) this.applyWeighted(poissonWeights(sampleId, this), counts, sign);
  }

  /** As {@link apply}, with the sample's {@link poissonWeights} computed once for every bootstrap of the same options. */
  applyWeighted(weights: Uint8Array, counts: ReadonlyMap<number, number>, sign: 1 | -1): void {
    this.applyWeightedPairs(weights, [...counts].flat(), 0, counts.size, sign);
  }

  /** As {@link applyWeighted}, the counts given as `size` (key, count) pairs of `pairs` from `at` (a packed entry's confusion). */
  applyWeightedPairs(weights: Uint8Array, pairs: ArrayLike<number>, at: number, size: number, sign: 1 | -1): void {
    if (size === 0) return;
    // A sample drawn in no resample adds nothing (and makes no key).
    let drawn = false;
    for (let r = 0; r < this.resamples && !drawn; r++) drawn = weights[r] !== 0;
    if (!drawn) return;
    // Key by key, each key's sums looked up once (not once per resample): every sum gets the very additions it did resample by resample.
    for (let k = 0; k < size; k++) {
      const key = pairs[at + 2 * k]!;
      const count = pairs[at + 2 * k + 1]!;
      let sums = this.sums.get(key);
      if (!sums) this.sums.set(key, (sums = new Float64Array(this.resamples)));
      for (let r = 0; r < this.resamples; r++) {
        const weight = sign * weights[r]!;
        if (weight !== 0) sums[r]! += weight * count;
      }
    }
  }

  /** A copy of each key's sums over the resamples, in the order the keys came: what {@link restoreSums} takes back. */
  keptSums(): Array<{ key: number; sums: Float64Array }> {
    return [...this.sums].map(([key, sums]) => ({ key, sums: sums.slice() }));
  }

  /** Sets the sums to `kept`, as {@link keptSums} gave them (on a bootstrap with none yet); throws on a key given twice or sums not `resamples` long. */
  restoreSums(kept: ReadonlyArray<{ key: number; sums: Float64Array }>): void {
    if (this.sums.size > 0) throw new Error('sums restored into a bootstrap that has some');
    for (const { key, sums } of kept) {
      if (sums.length !== this.resamples || this.sums.has(key)) throw new Error('a class confusion bootstrap kept with a key twice or of another size');
      this.sums.set(key, sums.slice());
    }
  }

  /**
   * As {@link PoissonBootstrap.interval}, for several figures of each resample's counts by key at
   * once. `figuresOf` is given every key once, and returns the function of one resample's counts
   * (a count per key, in the keys' order, 0 for a key the resample does not have) that gives the
   * figures in a fixed order; the intervals come back in that order.
   */
  intervals(figuresOf: (keys: readonly number[]) => (counts: Float64Array) => readonly (number | null)[]): (Interval | null)[] {
    const figures = figuresOf([...this.sums.keys()]);
    const keySums = [...this.sums.values()];
    const counts = new Float64Array(keySums.length);
    const values: number[][] = [];
    for (let r = 0; r < this.resamples; r++) {
      for (let k = 0; k < keySums.length; k++) counts[k] = keySums[k]![r]!;
      figures(counts).forEach((result, i) => {
        values[i] ??= [];
        if (result !== null && Number.isFinite(result)) values[i].push(result);
      });
    }
    return values.map((list) => percentileInterval(list, this.level));
  }
}

// Cumulative Poisson(1) probabilities: P(X ≤ k) = e⁻¹ Σ_{i≤k} 1/i!.
const POISSON_CDF = (() => {
  const cdf: number[] = [];
  let term = Math.exp(-1);
  let sum = 0;
  for (let k = 0; k < 12; k++) {
    sum += term;
    cdf.push(sum);
    term /= k + 1;
  }
  return cdf;
})();

/**
 * Sample `sampleId`'s Poisson weight in each resample of a bootstrap with these `resamples` and
 * `seed`: what {@link PoissonBootstrap.applyWeighted} takes, so a ledger adding one sample to
 * several bootstraps hashes its weights once.
 * @example poissonWeights(7, { resamples: 3, seed: 1 }) // Uint8Array [1, 0, 2], say
 */
export function poissonWeights(sampleId: number, { resamples, seed }: { resamples: number; seed: number }, into?: Uint8Array): Uint8Array {
  const weights = into ?? new Uint8Array(resamples);
  // {@link poissonWeight} for each resample, its hash's terms of the seed and the sample mixed once,
  // and the 32-bit hash compared with the CDF scaled to 2^32 (h / 2^32 ≥ p exactly when
  // h ≥ ⌈p · 2^32⌉), not divided: every sample of a project's first computation hashes its 200
  // weights. `bootstrap.test.ts` holds the two together.
  const sampleTerms = hashedTerms(seed ^ 0x9e3779b9, sampleId);
  for (let r = 0; r < resamples; r++) {
    const hash = hashed32(sampleTerms, r + 1);
    let k = 0;
    while (k < POISSON_HASH_CDF.length && hash >= POISSON_HASH_CDF[k]!) k++;
    weights[r] = k;
  }
  return weights;
}

/** {@link POISSON_CDF} but its last, scaled to 32-bit hashes: the least hash whose uniform `h / 2^32` reaches each. */
const POISSON_HASH_CDF = Float64Array.from(POISSON_CDF.slice(0, -1), (p) => Math.ceil(p * 4294967296));

/** A Poisson(1) count from a hash of its three inputs (see `hashedUniform`). */
export function poissonWeight(seed: number, sampleId: number, resample: number): number {
  const uniform = hashedUniform(seed ^ 0x9e3779b9, sampleId, resample + 1);
  let k = 0;
  while (k < POISSON_CDF.length - 1 && uniform >= POISSON_CDF[k]!) k++;
  return k;
}

/** The options with their defaults, checked (throws on a level outside (0, 1) or resamples below 1). */
export function bootstrapSettings(options: BootstrapOptions): Required<BootstrapOptions> {
  const { resamples = 200, seed = 1, level = 0.95 } = options;
  if (!(level > 0 && level < 1)) throw new Error(`bootstrap level must be between 0 and 1, got ${level}`);
  if (!Number.isInteger(resamples) || resamples < 1) throw new Error(`bootstrap resamples must be a positive integer, got ${resamples}`);
  return { resamples, seed, level };
}

/** The (1 − level)/2 and (1 + level)/2 quantiles of `values` (sorted in place); `null` when empty. */
function percentileInterval(values: number[], level: number): Interval | null {
  if (values.length === 0) return null;
  values.sort((x, y) => x - y);
  return { low: quantile(values, (1 - level) / 2), high: quantile(values, (1 + level) / 2) };
}

/** Quantile `q` of sorted `values`. */
function quantile(values: readonly number[], q: number): number {
  const position = (values.length - 1) * q;
  const below = Math.floor(position);
  const above = Math.min(values.length - 1, below + 1);
  return values[below]! + (values[above]! - values[below]!) * (position - below);
}
