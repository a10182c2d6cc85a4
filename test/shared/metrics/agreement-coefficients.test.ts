import { describe, expect, it } from 'vitest';
import { agreementCoefficients, pairTableCoefficients } from '../../../shared/metrics/agreement-coefficients';
import { cohenKappa } from '../../../shared/metrics/cohen-kappa';
import { fleissKappa } from '../../../shared/metrics/fleiss-kappa';
import { RAW_4_RATERS, coderRowsFromCounts, coderRowsFromTable } from '../../support/ratings';

/**
 * Expected values are those the R package irrCAC prints in its documentation (README and the
 * vignettes "Calculating Chance-corrected Agreement Coefficients" and "Weighted Chance-corrected
 * Agreement Coefficients", K. L. Gwet), to the precision printed there. Its datasets come from
 * Gwet's Handbook of Inter-Rater Reliability (4th ed., 2014).
 */

/** irrCAC `distrib.6raters`: 15 patients, how many of 6 psychiatrists put each in each of 5 diagnoses. */
const DISTRIB_6_RATERS = coderRowsFromCounts([
  [0, 0, 0, 6, 0],
  [0, 3, 0, 0, 3],
  [0, 1, 4, 0, 1],
  [0, 0, 0, 0, 6],
  [0, 3, 0, 3, 0],
  [2, 0, 4, 0, 0],
  [0, 0, 4, 0, 2],
  [2, 0, 3, 1, 0],
  [2, 0, 0, 4, 0],
  [0, 0, 0, 0, 6],
  [1, 0, 0, 5, 0],
  [1, 1, 0, 4, 0],
  [0, 3, 3, 0, 0],
  [1, 0, 0, 5, 0],
  [0, 2, 0, 3, 1],
]);

/** irrCAC `cont3x3abstractors`: two abstractors' classification of 100 pregnancies, as a contingency table. */
const ABSTRACTOR_CATEGORIES = ['Ectopic', 'AIU', 'NIU'];
const ABSTRACTORS = coderRowsFromTable(ABSTRACTOR_CATEGORIES, [
  [13, 0, 0],
  [0, 20, 7],
  [0, 4, 56],
]);

describe('agreementCoefficients against irrCAC', () => {
  it('cac.raw4raters, unweighted (README: gwet.ac1.raw, bp.coeff.raw, fleiss.kappa.raw)', () => {
    const result = agreementCoefficients(RAW_4_RATERS);
    expect(result.percentAgreement).toBeCloseTo(0.8181818, 7);
    expect(result.gwet.chanceAgreement).toBeCloseTo(0.1903212, 7);
    expect(result.gwet.value).toBeCloseTo(0.77544, 5);
    expect(result.brennanPrediger.chanceAgreement).toBe(0.2);
    expect(result.brennanPrediger.value).toBeCloseTo(0.77273, 5);
    expect(result.fleiss.chanceAgreement).toBeCloseTo(0.2387153, 7);
    expect(result.fleiss.value).toBeCloseTo(0.76117, 5);
    expect(result).toMatchObject({ units: 11, ratedUnits: 12, categories: 5 });
  });

  it('cac.raw4raters, quadratic weights (weighting vignette: AC2, Brennan–Prediger, weighted Fleiss)', () => {
    const result = agreementCoefficients(RAW_4_RATERS, { weights: 'quadratic' });
    expect(result.percentAgreement).toBeCloseTo(0.9753788, 7);
    expect(result.gwet.chanceAgreement).toBeCloseTo(0.7137044, 7);
    expect(result.gwet.value).toBeCloseTo(0.914, 3);
    expect(result.brennanPrediger.chanceAgreement).toBeCloseTo(0.75, 12);
    expect(result.brennanPrediger.value).toBeCloseTo(0.90152, 5);
    expect(result.fleiss.chanceAgreement).toBeCloseTo(0.8177083, 7);
    expect(result.fleiss.value).toBeCloseTo(0.86494, 5);
  });

  it('distrib.6raters, unweighted (README: gwet.ac1.dist, fleiss.kappa.dist, bp.coeff.dist)', () => {
    const result = agreementCoefficients(DISTRIB_6_RATERS);
    expect(result.percentAgreement).toBeCloseTo(0.5511111, 7);
    expect(result.gwet.chanceAgreement).toBeCloseTo(0.1914815, 7);
    expect(result.gwet.value).toBeCloseTo(0.4448007, 7);
    expect(result.fleiss.chanceAgreement).toBeCloseTo(0.2340741, 7);
    expect(result.fleiss.value).toBeCloseTo(0.4139265, 7);
    expect(result.brennanPrediger.value).toBeCloseTo(0.4388889, 7);
  });

  it('distrib.6raters, quadratic weights in column order (weighting vignette)', () => {
    const result = agreementCoefficients(DISTRIB_6_RATERS, { weights: 'quadratic' });
    expect(result.percentAgreement).toBeCloseTo(0.8544444, 7);
    expect(result.gwet.chanceAgreement).toBeCloseTo(0.7180556, 7);
    expect(result.gwet.value).toBeCloseTo(0.4837438, 7);
    expect(result.fleiss.chanceAgreement).toBeCloseTo(0.8056173, 7);
    expect(result.fleiss.value).toBeCloseTo(0.2511909, 7);
    expect(result.brennanPrediger.value).toBeCloseTo(0.4177778, 7);
  });

  it('cont3x3abstractors, unweighted and quadratic (README and weighting vignette: gwet.ac1.table, bp2.table)', () => {
    const unweighted = agreementCoefficients(ABSTRACTORS);
    expect(unweighted.percentAgreement).toBeCloseTo(0.89, 12);
    expect(unweighted.gwet.value).toBeCloseTo(0.8493305, 7);
    expect(unweighted.brennanPrediger.value).toBeCloseTo(0.835, 12);
    const quadratic = agreementCoefficients(ABSTRACTORS, { weights: 'quadratic', categories: ABSTRACTOR_CATEGORIES });
    expect(quadratic.percentAgreement).toBeCloseTo(0.9725, 12);
    expect(quadratic.gwet.value).toBeCloseTo(0.9402369, 7);
    expect(quadratic.brennanPrediger.value).toBeCloseTo(0.9175, 12);
  });
});

describe('agreementCoefficients', () => {
  it('stays high where kappa collapses on skewed data (the kappa paradox)', () => {
    // 100 images, two labelers: both say "none" on 95, they split on 5. Agreement is 95 %, yet
    // kappa is below 0 (p_e ≈ 0.95). Derived by hand: π_none = 0.975, π_car = 0.025,
    // AC1 p_e = 2·0.975·0.025 = 0.04875 → (0.95 − 0.04875)/0.95125 ≈ 0.9474; BP (0.95 − 0.5)/0.5 = 0.9.
    const [a, b] = coderRowsFromTable(
      ['none', 'car'],
      [
        [95, 3],
        [2, 0],
      ],
    );
    expect(cohenKappa(a, b).value!).toBeLessThan(0);
    const result = agreementCoefficients([a, b]);
    expect(result.gwet.value).toBeCloseTo((0.95 - 0.04875) / 0.95125, 12);
    expect(result.brennanPrediger.value).toBeCloseTo(0.9, 12);
  });

  it('equals Fleiss’ kappa on complete data, and keeps the units Fleiss’ formula must drop', () => {
    const complete = coderRowsFromCounts([
      [0, 0, 0, 0, 14],
      [0, 2, 6, 4, 2],
      [0, 0, 3, 5, 6],
      [7, 7, 0, 0, 0],
    ]);
    expect(agreementCoefficients(complete).fleiss.value).toBeCloseTo(fleissKappa(complete).value!, 12);
    expect(fleissKappa(RAW_4_RATERS).units).toBe(8);
    expect(agreementCoefficients(RAW_4_RATERS).units).toBe(11);
  });

  it('compares numeric strings by value when weighted, and needs the order of other labels', () => {
    const numbers = RAW_4_RATERS.map((row) => row.map((v) => (v === null ? null : v + 7))); // 8 … 12
    const strings = numbers.map((row) => row.map((v) => (v === null ? null : String(v))));
    expect(agreementCoefficients(strings, { weights: 'linear' }).gwet.value).toBeCloseTo(agreementCoefficients(numbers, { weights: 'linear' }).gwet.value!, 12);
    expect(() => agreementCoefficients(ABSTRACTORS, { weights: 'linear' })).toThrow(/weighted agreement needs the order of the categories: "Ectopic"/);
  });

  it('takes a weight matrix of one’s own in the categories’ order (checked against irrCAC’s quadratic weights)', () => {
    const quadratic = [
      [1, 0.75, 0],
      [0.75, 1, 0.75],
      [0, 0.75, 1],
    ];
    const result = agreementCoefficients(ABSTRACTORS, { weights: quadratic, categories: ABSTRACTOR_CATEGORIES });
    expect(result.gwet.value).toBeCloseTo(0.9402369, 7);
    expect(() => agreementCoefficients(ABSTRACTORS, { weights: [[1]], categories: ABSTRACTOR_CATEGORIES })).toThrow(/must be 3 × 3/);
  });

  it('counts listed categories nobody used, as irrCAC does with categ.labels', () => {
    // q = 6 instead of 5: Brennan–Prediger's p_e = 1/6, so (0.8181818 − 1/6)/(5/6) = 0.7818182 (by hand).
    expect(agreementCoefficients(RAW_4_RATERS, { categories: [1, 2, 3, 4, 5, 6] }).brennanPrediger.value).toBeCloseTo((9 / 11 - 1 / 6) / (5 / 6), 12);
  });

  it('gives a bootstrap interval over units around the value, the same for the same data', () => {
    const result = agreementCoefficients(DISTRIB_6_RATERS);
    for (const coefficient of [result.gwet, result.brennanPrediger, result.fleiss]) {
      expect(coefficient.interval!.low).toBeLessThan(coefficient.value!);
      expect(coefficient.interval!.high).toBeGreaterThan(coefficient.value!);
    }
    expect(agreementCoefficients(DISTRIB_6_RATERS).gwet.interval).toEqual(result.gwet.interval);
    expect(agreementCoefficients(DISTRIB_6_RATERS, { bootstrap: false }).gwet.interval).toBeNull();
  });

  it('is undefined with no unit rated twice, and AC1 with one category only', () => {
    const lonely = agreementCoefficients([
      [1, null],
      [null, 2],
    ]);
    expect(lonely).toMatchObject({ percentAgreement: null, units: 0, ratedUnits: 2 });
    expect(lonely.gwet.value).toBeNull();
    const single = agreementCoefficients([
      ['a', 'a'],
      ['a', 'a'],
    ]);
    expect(single.gwet.value).toBeNull();
    expect(single.fleiss.value).toBeNull();
  });
});

describe('pairTableCoefficients', () => {
  it('gives the coefficients of two coders from counts of category pairs, as from their ratings', () => {
    const table = pairTableCoefficients({ first: [0, 1, 1, 2, 2], second: [0, 1, 2, 1, 2], counts: [13, 20, 7, 4, 56], cells: 5, q: 3 });
    expect(table.gwet.value).toBeCloseTo(0.8493305, 7); // irrCAC README, cont3x3abstractors
    expect(table.brennanPrediger.value).toBeCloseTo(0.835, 12);
  });
});
