import { describe, expect, it } from 'vitest';
import { pairedDifference, type PairedUnit } from '../../../shared/metrics/paired-bootstrap';
import { PoissonBootstrap } from '../../../shared/metrics/poisson-bootstrap';

// Counts [agreements, comparisons]; the figure is their ratio, as pooled agreement is.
const share = (counts: Float64Array): number | null => (counts[1] === 0 ? null : counts[0]! / counts[1]!);
const unit = (id: number, before: [number, number], after: [number, number]): PairedUnit => ({
  id,
  before: Float64Array.of(...before),
  after: Float64Array.of(...after),
});

/** A deterministic stream in [0, 1) (a linear congruential generator), for generated cases. */
function stream(seed: number): () => number {
  let state = seed;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 4294967296;
  };
}

describe('pairedDifference', () => {
  it('pools each condition over the same units and subtracts (a case worked by hand)', () => {
    // Before: (1 + 3 + 0) / 12 = 1/3; after: (2 + 4 + 2) / 12 = 2/3.
    const result = pairedDifference([unit(1, [1, 4], [2, 4]), unit(2, [3, 4], [4, 4]), unit(3, [0, 4], [2, 4])], share);
    expect(result.before).toBeCloseTo(1 / 3, 12);
    expect(result.after).toBeCloseTo(2 / 3, 12);
    expect(result.difference).toBeCloseTo(1 / 3, 12);
    expect(result.units).toBe(3);
  });

  it('resamples the units, not the conditions: one more agreement in every sample is +25 points in every resample', () => {
    // With 4 comparisons a sample, each resample weighs sample i by w_i in both conditions:
    // after − before = Σ w_i (a_i + 1 − a_i) / Σ 4 w_i = 1/4, however hard each sample is.
    const units = [unit(1, [0, 4], [1, 4]), unit(2, [3, 4], [4, 4]), unit(3, [1, 4], [2, 4]), unit(4, [2, 4], [3, 4])];
    const result = pairedDifference(units, share, { resamples: 500 });
    expect(result.difference).toBeCloseTo(0.25, 12);
    expect(result.interval!.low).toBeCloseTo(0.25, 12);
    expect(result.interval!.high).toBeCloseTo(0.25, 12);
    // Unpaired, the same samples' "before" figure alone spreads widely: pairing is what removes it.
    const alone = new PoissonBootstrap(2, { resamples: 500 });
    for (const u of units) alone.apply(u.id, u.before, 1);
    const { low, high } = alone.interval(share)!;
    expect(high - low).toBeGreaterThan(0.2);
  });

  it('finds no difference between identical conditions, in the estimate or the interval', () => {
    const next = stream(7);
    const units = Array.from({ length: 30 }, (_, i) => {
      const comparisons = 1 + Math.floor(next() * 6);
      const counts: [number, number] = [Math.floor(next() * (comparisons + 1)), comparisons];
      return unit(i + 1, counts, counts);
    });
    const result = pairedDifference(units, share);
    expect(result.difference).toBe(0);
    expect(result.interval).toEqual({ low: 0, high: 0 });
  });

  it('has an interval that contains its estimate, over many generated projects', () => {
    const next = stream(11);
    for (let project = 0; project < 40; project++) {
      const size = 5 + Math.floor(next() * 40);
      const units = Array.from({ length: size }, (_, i) => {
        const comparisons = 1 + Math.floor(next() * 6);
        const before = Math.floor(next() * (comparisons + 1));
        const after = Math.max(0, Math.min(comparisons, before + Math.floor(next() * 3) - 1));
        return unit(i + 1, [before, comparisons], [after, comparisons]);
      });
      const { difference, interval } = pairedDifference(units, share, { seed: project + 1 });
      expect(interval!.low).toBeLessThanOrEqual(difference!);
      expect(interval!.high).toBeGreaterThanOrEqual(difference!);
    }
  });

  it('gives no interval without units or when asked for none, and refuses counts of two layouts', () => {
    expect(pairedDifference([], share)).toEqual({ before: null, after: null, difference: null, interval: null, units: 0 });
    expect(pairedDifference([unit(1, [1, 2], [2, 2])], share, false).interval).toBeNull();
    expect(() => pairedDifference([unit(1, [1, 2], [2, 2]), { id: 2, before: Float64Array.of(1), after: Float64Array.of(1) }], share)).toThrow(
      /unit 2: counts of 1 and 1, expected 2/,
    );
  });
});
