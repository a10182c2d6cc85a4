import { describe, expect, it } from 'vitest';
import { projectAgreement, type BootstrapOptions } from '../../../shared/agreement';
import { KeyedPoissonBootstrap, PoissonBootstrap, poissonWeight, poissonWeights } from '../../../shared/metrics/poisson-bootstrap';
import { A, at, B, boxes, C, LOOSE_A } from './fixtures';

describe('PoissonBootstrap', () => {
  // Each "sample" contributes the vector [x, 1]; the statistic is the weighted mean Σx / Σ1.
  const meanOf = (sums: Float64Array): number | null => (sums[1] === 0 ? null : sums[0]! / sums[1]!);
  const fill = (values: readonly number[], options: BootstrapOptions = {}): PoissonBootstrap => {
    const bootstrap = new PoissonBootstrap(2, options);
    values.forEach((x, i) => bootstrap.apply(i + 1, Float64Array.of(x, 1), 1));
    return bootstrap;
  };
  const values = Array.from({ length: 200 }, (_, i) => (i * 37) % 11);
  const mean = values.reduce((sum, x) => sum + x, 0) / values.length;

  it('draws Poisson(1) weights: mean 1, variance 1, P(0) = 1/e', () => {
    const weights = Array.from({ length: 100_000 }, (_, i) => poissonWeight(1, i % 1000, Math.floor(i / 1000)));
    const average = weights.reduce((sum, w) => sum + w, 0) / weights.length;
    const variance = weights.reduce((sum, w) => sum + (w - average) ** 2, 0) / weights.length;
    expect(average).toBeCloseTo(1, 1);
    expect(variance).toBeCloseTo(1, 1);
    expect(weights.filter((w) => w === 0).length / weights.length).toBeCloseTo(Math.exp(-1), 2);
  });

  it("hashes a sample's weights for every resample as one weight at a time does", () => {
    let seed = 5;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648);
    for (let trial = 0; trial < 2000; trial++) {
      // Sample ids across the whole safe range the hash takes, small ones most.
      const sampleId = trial < 1000 ? trial : next() * (trial % 3 === 0 ? 4 : 1);
      const options = { resamples: 1 + (next() % 300), seed: next() % 7 === 0 ? next() : 1 };
      const one = Array.from({ length: options.resamples }, (_, r) => poissonWeight(options.seed, sampleId, r));
      expect([...poissonWeights(sampleId, options)], `sample ${sampleId}, seed ${options.seed}`).toEqual(one);
    }
  });

  it('brackets the mean about as widely as the textbook standard error says', () => {
    const { low, high } = fill(values, { resamples: 1000 }).interval(meanOf)!;
    const sd = Math.sqrt(values.reduce((sum, x) => sum + (x - mean) ** 2, 0) / (values.length - 1));
    const halfWidth = 1.96 * (sd / Math.sqrt(values.length));
    expect(low).toBeLessThan(mean);
    expect(high).toBeGreaterThan(mean);
    expect((high - low) / 2).toBeGreaterThan(halfWidth * 0.8);
    expect((high - low) / 2).toBeLessThan(halfWidth * 1.2);
  });

  it('adds the same sums from the entries named as from the whole vector', () => {
    const whole = new PoissonBootstrap(4);
    const sparse = new PoissonBootstrap(4);
    values.forEach((x, i) => {
      const vector = Float64Array.of(x, 0, 1, 0);
      whole.apply(i + 1, vector, 1);
      sparse.applySparse(i + 1, vector, Int32Array.of(2, 0, 3), 2, 1);
    });
    const mean = (sums: Float64Array) => (sums[2] === 0 ? null : sums[0]! / sums[2]!);
    expect(sparse.interval(mean)).toEqual(whole.interval(mean));
  });

  it('resamples keyed counts with the same weights as the vector bootstrap', () => {
    const vector = fill(values);
    const keyed = new KeyedPoissonBootstrap();
    values.forEach((x, i) =>
      keyed.apply(
        i + 1,
        new Map([
          [7, x],
          [9, 1],
        ]),
        1,
      ),
    );
    const [interval] = keyed.intervals((keys) => (counts) => [counts[keys.indexOf(7)]! / counts[keys.indexOf(9)]!]);
    expect(interval!.low).toBeCloseTo(vector.interval(meanOf)!.low, 12);
    expect(interval!.high).toBeCloseTo(vector.interval(meanOf)!.high, 12);
  });

  it('is deterministic for a seed and changes with the seed', () => {
    expect(fill(values, { seed: 42 }).interval(meanOf)).toEqual(fill(values, { seed: 42 }).interval(meanOf));
    expect(fill(values, { seed: 43 }).interval(meanOf)).not.toEqual(fill(values, { seed: 42 }).interval(meanOf));
  });

  it('takes a sample back exactly: the same interval as never having had it', () => {
    const bootstrap = fill(values);
    bootstrap.apply(1000, Float64Array.of(50, 1), 1);
    bootstrap.apply(1000, Float64Array.of(50, 1), -1);
    const without = fill(values).interval(meanOf)!;
    const after = bootstrap.interval(meanOf)!;
    expect(after.low).toBeCloseTo(without.low, 12);
    expect(after.high).toBeCloseTo(without.high, 12);
  });

  it('collapses on constant data, is null with nothing to resample, and widens with the level', () => {
    expect(fill([2, 2, 2], { resamples: 10 }).interval(meanOf)).toEqual({ low: 2, high: 2 });
    expect(fill([]).interval(meanOf)).toBeNull();
    const narrow = fill(values, { level: 0.5 }).interval(meanOf)!;
    const wide = fill(values, { level: 0.99 }).interval(meanOf)!;
    expect(wide.low).toBeLessThan(narrow.low);
    expect(wide.high).toBeGreaterThan(narrow.high);
  });

  it('refuses a level outside (0, 1) and a non-positive number of resamples', () => {
    expect(() => new PoissonBootstrap(1, { level: 1 })).toThrow(/level/);
    expect(() => new PoissonBootstrap(1, { resamples: 0 })).toThrow(/resamples/);
  });
});

describe('the interval on the headline figure', () => {
  // Four samples: F1 1, 2/3, 1/2, 1; pooled 8/11 (see the box tests).
  const project = [
    boxes(1, 1, [at(A)]),
    boxes(1, 2, [at(A)]),
    boxes(2, 1, [at(A), at(B)]),
    boxes(2, 2, [at(A)]),
    boxes(3, 1, [at(A)]),
    boxes(3, 2, [at(A), at(B), at(C)]),
    boxes(4, 1, [at(A)]),
    boxes(4, 2, [at(LOOSE_A)]),
  ];

  it('contains the point estimate and is the same for the same seed', () => {
    const result = projectAgreement(project, 'bbox', { bootstrap: { seed: 3 } });
    const { low, high } = result.overall.interval!;
    expect(low).toBeLessThanOrEqual(8 / 11);
    expect(high).toBeGreaterThanOrEqual(8 / 11);
    expect(low).toBeGreaterThanOrEqual(0.5); // no draw can do worse than all sample-3 draws
    expect(high).toBeLessThanOrEqual(1);
    expect(projectAgreement(project, 'bbox', { bootstrap: { seed: 3 } }).overall.interval).toEqual(result.overall.interval);
  });

  it('can be skipped', () => {
    expect(projectAgreement(project, 'bbox', { bootstrap: false }).overall.interval).toBeNull();
  });
});
