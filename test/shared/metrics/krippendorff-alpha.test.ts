import { describe, expect, it } from 'vitest';
import { krippendorffAlpha } from '../../../shared/metrics/krippendorff-alpha';

/**
 * K. Krippendorff, "Computing Krippendorff's Alpha-Reliability" (2011), section C: four observers,
 * twelve units, missing values (·). Published: nominal α = 0.743, ordinal 0.815, interval 0.849,
 * ratio 0.797; n = 40 pairable values (unit 12 has one value and is dropped).
 */
const FOUR_CODERS = [
  [1, 2, 3, 3, 2, 1, 4, 1, 2, null, null, null],
  [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, null, 3],
  [null, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, null],
  [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, null],
];

/** Same paper, section A: binary data, two observers, ten units; published α = 0.095. */
const BINARY_TWO_CODERS = [
  [0, 1, 0, 0, 0, 0, 0, 0, 1, 0],
  [1, 1, 1, 0, 0, 1, 0, 0, 0, 0],
];

describe('krippendorffAlpha', () => {
  it.each([
    ['nominal', 0.743],
    ['ordinal', 0.815],
    ['interval', 0.849],
    ['ratio', 0.797],
  ] as const)('reproduces the published %s alpha of the 4-coder example (%s)', (level, published) => {
    const result = krippendorffAlpha(FOUR_CODERS, { level });
    expect(result.value).toBeCloseTo(published, 3);
    expect(result.units).toBe(11);
    expect(result.pairableValues).toBe(40);
  });

  it('reproduces the published binary 2-coder alpha (0.095)', () => {
    // Coincidences: o00 = 10, o11 = 2, o01 = o10 = 4; n0 = 14, n1 = 6; α = 1 − 19·4 / (14·6) = 0.0952
    const result = krippendorffAlpha(BINARY_TWO_CODERS);
    expect(result.value).toBeCloseTo(1 - 76 / 84, 12);
    expect(result.value).toBeCloseTo(0.095, 3);
    expect(result.observedDisagreement).toBeCloseTo(8 / 20, 12);
    expect(result.expectedDisagreement).toBeCloseTo((2 * 14 * 6) / (20 * 19), 12);
  });

  it('gives the same value for string and number codes at the nominal level', () => {
    const asStrings = FOUR_CODERS.map((row) => row.map((v) => (v === null ? null : `c${v}`)));
    expect(krippendorffAlpha(asStrings).value).toBeCloseTo(krippendorffAlpha(FOUR_CODERS).value!, 12);
  });

  it('orders string categories for the ordinal level as listed', () => {
    const names = ['low', 'mid', 'high', 'top', 'max'];
    const asNames = FOUR_CODERS.map((row) => row.map((v) => (v === null ? null : names[v - 1]!)));
    expect(krippendorffAlpha(asNames, { level: 'ordinal', categories: names }).value).toBeCloseTo(0.815, 3);
  });

  it('is 1 for identical coders with variation', () => {
    const result = krippendorffAlpha([
      [1, 2, 3, null],
      [1, 2, 3, 4],
    ]);
    expect(result.value).toBe(1);
    expect(result.units).toBe(3);
    expect(result.observedDisagreement).toBe(0);
  });

  it('is null with no-variation when every pairable value is the same category', () => {
    const result = krippendorffAlpha([
      ['a', 'a', 'a'],
      ['a', 'a', null],
    ]);
    expect(result).toMatchObject({ value: null, reason: 'no-variation', units: 2, pairableValues: 4, expectedDisagreement: 0 });
  });

  it('drops units with one value before deciding there is no variation', () => {
    const result = krippendorffAlpha([
      ['a', 'b'],
      ['a', null],
    ]);
    expect(result).toMatchObject({ value: null, reason: 'no-variation', units: 1 });
  });

  it.each([
    ['no units', [[], []]],
    ['no coders', []],
    [
      'all missing',
      [
        [null, null],
        [null, null],
      ],
    ],
    ['one coder', [[1, 2, 3]]],
  ])('is null with no-pairable-values for %s', (_case, data: (number | null)[][]) => {
    expect(krippendorffAlpha(data)).toEqual({
      value: null,
      units: 0,
      pairableValues: 0,
      observedDisagreement: 0,
      expectedDisagreement: 0,
      reason: 'no-pairable-values',
    });
  });

  it('refuses strings that are not numbers at the ordered levels unless their order is given, and negatives at the ratio level', () => {
    for (const level of ['ordinal', 'interval', 'ratio'] as const) {
      expect(() => krippendorffAlpha([['a'], ['b']], { level })).toThrow(
        new RegExp(`${level} alpha needs the order of the categories: "a" \\(coder 0, unit 0\\) is not a number`),
      );
      expect(
        krippendorffAlpha(
          [
            ['a', 'b'],
            ['a', 'b'],
          ],
          { level, categories: ['a', 'b'] },
        ).value,
      ).toBe(1);
    }
    expect(() => krippendorffAlpha([['a'], ['c']], { level: 'ordinal', categories: ['a', 'b'] })).toThrow(
      /"c" \(coder 1, unit 0\) is not one of the categories/,
    );
    expect(() => krippendorffAlpha([[-1], [2]], { level: 'ratio' })).toThrow(/≥ 0/);
  });

  it('compares numbers written as strings by value at the ordered levels, not by their spelling', () => {
    // As text, "10" sorts before "8" and "9": ordinal alpha on that order puts the 10s at the bottom.
    const numbers = [
      [8, 9, 10, 10, 8, 9, 10, 8],
      [9, 9, 10, 8, 8, 10, 10, 9],
      [8, 10, 10, 10, null, 9, 10, 8],
    ];
    const strings = numbers.map((row) => row.map((v) => (v === null ? null : String(v))));
    for (const level of ['ordinal', 'interval', 'ratio'] as const) {
      expect(krippendorffAlpha(strings, { level }).value).toBeCloseTo(krippendorffAlpha(numbers, { level }).value!, 12);
    }
    const byText = krippendorffAlpha(strings, { level: 'ordinal', categories: ['10', '8', '9'] }).value!;
    expect(Math.abs(byText - krippendorffAlpha(numbers, { level: 'ordinal' }).value!)).toBeGreaterThan(0.1);
  });

  it('handles 100,000 units × 3 coders at every level', () => {
    const units = 100_000;
    let seed = 42;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const truth = Array.from({ length: units }, () => 1 + Math.floor(random() * 5));
    const data = [0, 1, 2].map(() => truth.map((t) => (random() < 0.05 ? null : random() < 0.8 ? t : 1 + Math.floor(random() * 5))));
    for (const level of ['nominal', 'ordinal', 'interval', 'ratio'] as const) {
      const result = krippendorffAlpha(data, { level });
      expect(result.value).toBeGreaterThan(0.5);
    }
  });
});
