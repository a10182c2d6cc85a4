import { describe, expect, it } from 'vitest';
import { cohenKappa } from '../../../shared/metrics/cohen-kappa';
import { coderRowsFromTable } from '../../support/ratings';

/** Unit-level ratings reproducing a contingency table: `table[i][j]` units rated categories[i] by a and categories[j] by b. */
function fromTable<T>(categories: readonly T[], table: readonly (readonly number[])[]): { a: T[]; b: T[] } {
  const a: T[] = [];
  const b: T[] = [];
  table.forEach((row, i) =>
    row.forEach((count, j) => {
      for (let u = 0; u < count; u++) {
        a.push(categories[i]!);
        b.push(categories[j]!);
      }
    }),
  );
  return { a, b };
}

describe('cohenKappa', () => {
  // Wikipedia, "Cohen's kappa", worked example: 50 grant proposals, yes/yes 20, yes/no 5, no/yes 10,
  // no/no 15: p_o = 0.7, p_e = 0.5·0.6 + 0.5·0.4 = 0.5, κ = 0.4.
  it('reproduces the Wikipedia grant-proposal example (κ = 0.4)', () => {
    const { a, b } = fromTable(
      ['yes', 'no'],
      [
        [20, 5],
        [10, 15],
      ],
    );
    const result = cohenKappa(a, b);
    expect(result.n).toBe(50);
    expect(result.observedAgreement).toBeCloseTo(0.7, 12);
    expect(result.expectedAgreement).toBeCloseTo(0.5, 12);
    expect(result.value).toBeCloseTo(0.4, 12);
  });

  // Same article, the two tables with equal agreement (60 %) but different marginals:
  // 45/15/25/15 gives p_e = 0.54, κ = 0.06/0.46 = 0.1304; 25/35/5/35 gives p_e = 0.46, κ = 0.14/0.54 = 0.2593.
  it.each([
    [[45, 15, 25, 15], 0.06 / 0.46],
    [[25, 35, 5, 35], 0.14 / 0.54],
  ])('reproduces the Wikipedia equal-agreement tables %j', ([yy, yn, ny, nn], expected) => {
    const { a, b } = fromTable(
      [1, 0],
      [
        [yy!, yn!],
        [ny!, nn!],
      ],
    );
    expect(cohenKappa(a, b).value).toBeCloseTo(expected, 12);
  });

  describe('weighted, on a hand-computed 3×3 table', () => {
    // a \ b   1  2  3    rows r = [6, 5, 5], columns c = [5, 5, 6], n = 16
    //   1     4  1  1
    //   2     1  3  1
    //   3     0  1  4
    // Σ r_i c_j on the diagonal 85, at distance 1: 110, at distance 2: 36 + 25 = 61.
    const { a, b } = fromTable(
      [1, 2, 3],
      [
        [4, 1, 1],
        [1, 3, 1],
        [0, 1, 4],
      ],
    );

    it('unweighted: p_o = 11/16, p_e = 85/256, κ = 91/171', () => {
      const result = cohenKappa(a, b);
      expect(result.observedAgreement).toBeCloseTo(11 / 16, 12);
      expect(result.expectedAgreement).toBeCloseTo(85 / 256, 12);
      expect(result.value).toBeCloseTo(91 / 171, 12);
    });

    it('linear: p_o = 13/16, p_e = (85 + 110/2)/256, κ = 68/116 (= 1 − 6/14.5 as sklearn computes it)', () => {
      const result = cohenKappa(a, b, { weights: 'linear' });
      expect(result.observedAgreement).toBeCloseTo(13 / 16, 12);
      expect(result.expectedAgreement).toBeCloseTo(140 / 256, 12);
      expect(result.value).toBeCloseTo(68 / 116, 12);
      expect(result.value).toBeCloseTo(1 - 6 / 14.5, 12);
    });

    it('quadratic: p_o = 14/16, p_e = (85 + 0.75·110)/256, κ = 56.5/88.5 (= 1 − 8/22.125)', () => {
      const result = cohenKappa(a, b, { weights: 'quadratic' });
      expect(result.observedAgreement).toBeCloseTo(14 / 16, 12);
      expect(result.expectedAgreement).toBeCloseTo(167.5 / 256, 12);
      expect(result.value).toBeCloseTo(56.5 / 88.5, 12);
      expect(result.value).toBeCloseTo(1 - 8 / 22.125, 12);
    });

    it('follows the order of explicit categories', () => {
      const reversed = cohenKappa(a, b, { weights: 'linear', categories: [3, 2, 1] });
      expect(reversed.value).toBeCloseTo(68 / 116, 12);
      const scrambled = cohenKappa(a, b, { weights: 'linear', categories: [2, 1, 3] });
      expect(scrambled.value).not.toBeCloseTo(68 / 116, 3);
    });
  });

  it('is 1 for perfect agreement, weighted or not', () => {
    for (const weights of ['none', 'linear', 'quadratic'] as const) {
      expect(cohenKappa(['a', 'b', 'c', 'a'], ['a', 'b', 'c', 'a'], { weights, categories: ['a', 'b', 'c'] }).value).toBe(1);
    }
  });

  it('is 0 at chance-level agreement', () => {
    // Every cell of the 2×2 table equal: p_o = p_e = 0.5.
    expect(cohenKappa([1, 1, 0, 0], [1, 0, 1, 0]).value).toBe(0);
  });

  it('skips units where either coder is missing', () => {
    const result = cohenKappa(['y', null, 'n', 'n', 'y'], ['y', 'n', null, 'n', 'n']);
    expect(result.n).toBe(3);
    expect(result.observedAgreement).toBeCloseTo(2 / 3, 12);
  });

  it('is null when both coders used one and the same category', () => {
    expect(cohenKappa(['a', 'a', 'a'], ['a', 'a', 'a'])).toEqual({ value: null, observedAgreement: 1, expectedAgreement: 1, n: 3 });
    expect(cohenKappa([2, 2], [2, 2], { weights: 'quadratic' }).value).toBeNull();
  });

  it('is null when no unit is rated by both', () => {
    expect(cohenKappa([], [])).toEqual({ value: null, observedAgreement: 0, expectedAgreement: 0, n: 0 });
    expect(cohenKappa([1, null], [null, 2]).n).toBe(0);
  });

  it('refuses coders of different lengths and values outside the categories', () => {
    expect(() => cohenKappa([1], [1, 2])).toThrow(/different numbers/);
    expect(() => cohenKappa([1, 4], [1, 2], { categories: [1, 2, 3] })).toThrow(/not one of the categories/);
  });

  describe('irrCAC cont3x3abstractors (two abstractors, 100 pregnancies)', () => {
    const categories = ['Ectopic', 'AIU', 'NIU'];
    const [a, b] = coderRowsFromTable(categories, [
      [13, 0, 0],
      [0, 20, 7],
      [0, 4, 56],
    ]);

    it('gives kappa2.table’s printed values, unweighted and with quadratic weights as a matrix (irrCAC README and weighting vignette)', () => {
      expect(cohenKappa(a, b).value).toBeCloseTo(0.7964094, 7);
      const quadratic = [
        [1, 0.75, 0],
        [0.75, 1, 0.75],
        [0, 0.75, 1],
      ];
      expect(cohenKappa(a, b, { weights: quadratic, categories }).value).toBeCloseTo(0.8921569, 7);
      expect(cohenKappa(a, b, { weights: 'quadratic', categories }).value).toBeCloseTo(0.8921569, 7);
    });

    it('takes a weight matrix of one’s own: half credit between AIU and NIU only', () => {
      // Derived by hand: p_o = (89 + 0.5·11)/100 = 0.945; rows 13, 27, 60, columns 13, 24, 63:
      // p_e = (13·13 + 27·24 + 60·63 + 0.5·(27·63 + 60·24))/100² = 0.61675; κ = 0.32825/0.38325.
      const weights = [
        [1, 0, 0],
        [0, 1, 0.5],
        [0, 0.5, 1],
      ];
      const result = cohenKappa(a, b, { weights, categories });
      expect(result.observedAgreement).toBeCloseTo(0.945, 12);
      expect(result.expectedAgreement).toBeCloseTo(0.61675, 12);
      expect(result.value).toBeCloseTo(0.32825 / 0.38325, 12);
    });

    it('refuses a matrix of the wrong size or one that credits a disagreement more than an agreement', () => {
      expect(() =>
        cohenKappa(a, b, {
          weights: [
            [1, 0],
            [0, 1],
          ],
          categories,
        }),
      ).toThrow(/must be 3 × 3/);
      expect(() =>
        cohenKappa(a, b, {
          weights: [
            [1, 0, 0],
            [0, 0.9, 0],
            [0, 0, 1],
          ],
          categories,
        }),
      ).toThrow(/weight \[1\]\[1\] must be 1/);
      expect(() =>
        cohenKappa(a, b, {
          weights: [
            [1, 2, 0],
            [0, 1, 0],
            [0, 0, 1],
          ],
          categories,
        }),
      ).toThrow(/weight \[0\]\[1\] must be from 0 to 1/);
    });

    it('needs the order of labels that are not numbers when weighted', () => {
      expect(() => cohenKappa(a, b, { weights: 'linear' })).toThrow(
        /weighted kappa needs the order of the categories: "Ectopic" \(coder 0, unit 0\) is not a number/,
      );
    });
  });

  it('compares numbers written as strings by value when weighted ("9" before "10")', () => {
    const a = [8, 9, 10, 10, 9, 8, 10, 9];
    const b = [9, 9, 10, 8, 10, 8, 10, 10];
    const asText = (values: number[]) => values.map(String);
    for (const weights of ['linear', 'quadratic'] as const) {
      expect(cohenKappa(asText(a), asText(b), { weights }).value).toBeCloseTo(cohenKappa(a, b, { weights }).value!, 12);
    }
  });

  it('handles 100,000 units', () => {
    const a = Array.from({ length: 100_000 }, (_, i) => i % 5);
    const b = a.map((v, i) => (i % 7 === 0 ? (v + 1) % 5 : v));
    const result = cohenKappa(a, b, { weights: 'quadratic' });
    expect(result.value).toBeGreaterThan(0.5);
    expect(result.n).toBe(100_000);
    // Every 7th unit differs: 14,286 of 100,000.
    expect(cohenKappa(a, b).observedAgreement).toBeCloseTo(1 - 14_286 / 100_000, 10);
  });
});
