import { PoissonBootstrap, type BootstrapOptions, type Interval } from './poisson-bootstrap';

/** One unit (sample) measured under two conditions: the same count layout both times. */
export interface PairedUnit {
  id: number;
  /** Counts under the first condition (an earlier guideline version, say). */
  before: Float64Array;
  /** Counts under the second, as long as `before`. */
  after: Float64Array;
}

export interface PairedDifference {
  /** The figure of the units' summed `before` counts; `null` when it has none. */
  before: number | null;
  after: number | null;
  /** `after − before`; `null` when either is. */
  difference: number | null;
  /** Percentile bootstrap interval of the difference; `null` with no units or no defined difference. */
  interval: Interval | null;
  units: number;
}

/**
 * Compares a pooled figure under two conditions on the same units, with a paired bootstrap:
 * every resample weighs each unit once (a Poisson count, as {@link PoissonBootstrap} does) and
 * computes both figures on that same resample, so what the units share (an easy or a hard
 * sample) cancels in the difference instead of widening its interval.
 * @example
 * // value = agreements / comparisons; two samples, each one agreement better afterwards.
 * const units = [
 *   { id: 1, before: Float64Array.of(1, 4), after: Float64Array.of(2, 4) },
 *   { id: 2, before: Float64Array.of(3, 4), after: Float64Array.of(4, 4) },
 * ];
 * pairedDifference(units, (c) => (c[1] === 0 ? null : c[0]! / c[1]!)) // { before: 0.5, after: 0.75, difference: 0.25, … }
 */
export function pairedDifference(
  units: readonly PairedUnit[],
  value: (counts: Float64Array) => number | null,
  options: BootstrapOptions | false = {},
): PairedDifference {
  if (units.length === 0) return { before: null, after: null, difference: null, interval: null, units: 0 };
  const width = units[0]!.before.length;
  const before = new Float64Array(width);
  const after = new Float64Array(width);
  const bootstrap = options === false ? null : new PoissonBootstrap(2 * width, options);
  const both = new Float64Array(2 * width);
  for (const unit of units) {
    if (unit.before.length !== width || unit.after.length !== width)
      throw new Error(`unit ${unit.id}: counts of ${unit.before.length} and ${unit.after.length}, expected ${width}`);
    for (let k = 0; k < width; k++) {
      before[k]! += unit.before[k]!;
      after[k]! += unit.after[k]!;
    }
    both.set(unit.before, 0);
    both.set(unit.after, width);
    bootstrap?.apply(unit.id, both, 1);
  }
  const valueBefore = value(before);
  const valueAfter = value(after);
  const difference = (sums: Float64Array): number | null => {
    const x = value(sums.subarray(0, width));
    const y = value(sums.subarray(width));
    return x === null || y === null ? null : y - x;
  };
  return {
    before: valueBefore,
    after: valueAfter,
    difference: valueBefore === null || valueAfter === null ? null : valueAfter - valueBefore,
    interval: bootstrap ? bootstrap.interval(difference) : null,
    units: units.length,
  };
}
