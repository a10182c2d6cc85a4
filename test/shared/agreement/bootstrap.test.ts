import { describe, expect, it } from 'vitest';
import { bootstrapInterval, projectAgreement } from '../../../shared/agreement';
import { A, at, B, boxes, C, LOOSE_A } from './fixtures';

const mean = (draw: readonly number[]): number => draw.reduce((sum, x) => sum + x, 0) / draw.length;

describe('bootstrapInterval', () => {
  it('is deterministic for a seed and changes with the seed', () => {
    const values = Array.from({ length: 50 }, (_, i) => (i * 37) % 11);
    const first = bootstrapInterval(values, mean, { seed: 42 });
    expect(bootstrapInterval(values, mean, { seed: 42 })).toEqual(first);
    expect(bootstrapInterval(values, mean, { seed: 43 })).not.toEqual(first);
    // The mean of 0..10-ish values is 4.94; a 95 % interval around it is well inside [0, 10].
    expect(first!.low).toBeLessThan(mean(values));
    expect(first!.high).toBeGreaterThan(mean(values));
    expect(first!.low).toBeGreaterThan(3);
    expect(first!.high).toBeLessThan(7);
  });

  it('collapses on constant data and is null with nothing to resample', () => {
    expect(bootstrapInterval([2, 2, 2], mean, { resamples: 10 })).toEqual({ low: 2, high: 2 });
    expect(bootstrapInterval([], mean)).toBeNull();
    expect(bootstrapInterval([1, 2], () => null)).toBeNull();
  });

  it('widens with the level', () => {
    const values = Array.from({ length: 30 }, (_, i) => i);
    const narrow = bootstrapInterval(values, mean, { seed: 5, level: 0.5 })!;
    const wide = bootstrapInterval(values, mean, { seed: 5, level: 0.99 })!;
    expect(wide.low).toBeLessThan(narrow.low);
    expect(wide.high).toBeGreaterThan(narrow.high);
  });

  it('refuses a level outside (0, 1) and a non-positive number of resamples', () => {
    expect(() => bootstrapInterval([1], mean, { level: 1 })).toThrow(/level/);
    expect(() => bootstrapInterval([1], mean, { resamples: 0 })).toThrow(/resamples/);
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
