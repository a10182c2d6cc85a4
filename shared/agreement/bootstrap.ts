import { mulberry32 } from '../assignment/prng';
import type { BootstrapOptions, Interval } from './types';

/**
 * A seeded percentile bootstrap over units (samples): draws `units.length` units with replacement
 * `resamples` times, computes `statistic` on each draw, and returns the (1 − level)/2 and
 * (1 + level)/2 quantiles of those values (linear interpolation between order statistics).
 * Draws where the statistic is `null` are left out; `null` when no draw has a value.
 *
 * The draw array is reused between resamples: `statistic` must not keep it. The same seed always
 * gives the same interval (mulberry32). Cost: resamples × (units + cost of `statistic`).
 * @example
 * bootstrapInterval([1, 2, 3, 4], (draw) => draw.reduce((s, x) => s + x, 0) / draw.length, { seed: 7 })
 * // { low: ≈1.5, high: ≈3.5 }, the same every time for seed 7
 */
export function bootstrapInterval<T>(units: readonly T[], statistic: (draw: readonly T[]) => number | null, options: BootstrapOptions = {}): Interval | null {
  const resamples = options.resamples ?? 1000;
  const level = options.level ?? 0.95;
  if (!(level > 0 && level < 1)) throw new Error(`bootstrap level must be between 0 and 1, got ${level}`);
  if (!Number.isInteger(resamples) || resamples < 1) throw new Error(`bootstrap resamples must be a positive integer, got ${resamples}`);
  if (units.length === 0) return null;

  const random = mulberry32(options.seed ?? 1);
  const draw: T[] = units.slice();
  const values: number[] = [];
  for (let r = 0; r < resamples; r++) {
    for (let i = 0; i < units.length; i++) draw[i] = units[Math.floor(random() * units.length)]!;
    const value = statistic(draw);
    if (value !== null && Number.isFinite(value)) values.push(value);
  }
  if (values.length === 0) return null;
  values.sort((x, y) => x - y);
  return { low: quantile(values, (1 - level) / 2), high: quantile(values, (1 + level) / 2) };
}

/** Quantile `q` of sorted `values`, interpolating linearly between order statistics (R type 7). */
function quantile(values: readonly number[], q: number): number {
  const position = (values.length - 1) * q;
  const below = Math.floor(position);
  const above = Math.min(values.length - 1, below + 1);
  return values[below]! + (values[above]! - values[below]!) * (position - below);
}
