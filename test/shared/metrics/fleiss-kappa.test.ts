import { describe, expect, it } from 'vitest';
import { fleissKappa } from '../../../shared/metrics/fleiss-kappa';
import { coderRowsFromCounts } from '../../support/ratings';

/**
 * Wikipedia, "Fleiss' kappa", worked example: 10 subjects, 14 raters, 5 categories (n_ij counts).
 * Published: p_j = 0.143, 0.200, 0.279, 0.150, 0.229 (column sums 20, 28, 39, 21, 32 of 140);
 * P̄ = 0.378, P̄_e = 0.213, κ = 0.210.
 */
const WIKIPEDIA_COUNTS = [
  [0, 0, 0, 0, 14],
  [0, 2, 6, 4, 2],
  [0, 0, 3, 5, 6],
  [0, 3, 9, 2, 0],
  [2, 2, 8, 1, 1],
  [7, 7, 0, 0, 0],
  [3, 2, 6, 3, 0],
  [2, 5, 3, 2, 2],
  [6, 5, 2, 1, 0],
  [0, 2, 2, 3, 7],
];

describe('fleissKappa', () => {
  it('reproduces the Wikipedia worked example (κ = 0.210)', () => {
    const result = fleissKappa(coderRowsFromCounts(WIKIPEDIA_COUNTS));
    expect(result.raters).toBe(14);
    expect(result.units).toBe(10);
    expect(result.excludedUnits).toBe(0);
    expect(result.observedAgreement).toBeCloseTo(0.378, 3);
    expect(result.expectedAgreement).toBeCloseTo(0.213, 3);
    expect(result.value).toBeCloseTo(0.21, 3);
  });

  it('matches the JSDoc example by hand: P̄ = 7/9, P̄_e = 41/81, κ = 0.55', () => {
    const result = fleissKappa([
      ['a', 'a', 'b'],
      ['a', 'b', 'b'],
      ['a', 'b', 'b'],
    ]);
    expect(result.observedAgreement).toBeCloseTo(7 / 9, 12);
    expect(result.expectedAgreement).toBeCloseTo(41 / 81, 12);
    expect(result.value).toBeCloseTo(0.55, 12);
  });

  it('excludes and counts units with a missing value', () => {
    const result = fleissKappa([
      ['a', 'a', 'b', 'b'],
      ['a', 'b', 'b', null],
      ['a', 'b', 'b', 'a'],
    ]);
    expect(result.units).toBe(3);
    expect(result.excludedUnits).toBe(1);
    expect(result.value).toBeCloseTo(0.55, 12);
  });

  it('is 1 when every rater agrees on every unit and categories vary', () => {
    expect(
      fleissKappa([
        [1, 2, 3],
        [1, 2, 3],
        [1, 2, 3],
      ]).value,
    ).toBe(1);
  });

  it('is null when only one category is used', () => {
    expect(
      fleissKappa([
        ['x', 'x'],
        ['x', 'x'],
      ]),
    ).toEqual({
      value: null,
      observedAgreement: 1,
      expectedAgreement: 1,
      units: 2,
      excludedUnits: 0,
      raters: 2,
    });
  });

  it.each([
    ['no units', [[], []], 0],
    ['no coders', [], 0],
    [
      'every unit incomplete',
      [
        [1, null],
        [null, 2],
      ],
      2,
    ],
    ['one rater', [[1, 2]], 0],
  ])('is null for %s', (_case, data: (number | null)[][], excludedUnits) => {
    const result = fleissKappa(data);
    expect(result.value).toBeNull();
    expect(result.excludedUnits).toBe(excludedUnits);
  });

  it('handles 100,000 units × 3 raters', () => {
    const truth = Array.from({ length: 100_000 }, (_, i) => (i * 7919) % 5);
    const data = [0, 1, 2].map((r) => truth.map((t, i) => ((i + r) % 6 === 0 ? (t + 1) % 5 : t)));
    const result = fleissKappa(data);
    expect(result.value).toBeGreaterThan(0.5);
  });
});
