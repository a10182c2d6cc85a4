import { codeRatings, MISSING, type Category, type RatingValue } from './category-codes';
import { orderedRatings } from './ordered-values';

/**
 * Krippendorff's alpha, after K. Krippendorff, "Computing Krippendorff's Alpha-Reliability" (2011):
 * α = 1 − D_o / D_e, with observed and expected disagreement taken over the coincidence matrix of
 * pairable values.
 */

/** Which difference between two values counts as disagreement (the δ² of the paper). */
export type AlphaLevel = 'nominal' | 'ordinal' | 'interval' | 'ratio';

/** Why alpha has no value. */
export type AlphaUndefinedReason = 'no-pairable-values' | 'no-variation';

export interface AlphaOptions {
  level?: AlphaLevel;
  /**
   * The categories' order at the ordinal, interval and ratio levels, needed when values are
   * strings that are not numbers: each value then stands for its place in the order (1, 2, …,
   * equally spaced at the interval and ratio levels), and a value outside the list throws.
   * Without it, numbers and numeric strings ("8", "10") are compared as numbers, and other
   * strings are refused. At the nominal level it only lists the categories.
   */
  categories?: readonly Category[];
}

export interface AlphaResult {
  /** α, or `null` when undefined (see `reason`). */
  value: number | null;
  /** Units with two or more values: the only units that count. */
  units: number;
  /** n, the number of values in those units. */
  pairableValues: number;
  /** D_o; 0 when there are no pairable values. */
  observedDisagreement: number;
  /** D_e; 0 when there are no pairable values. */
  expectedDisagreement: number;
  /** Set when `value` is `null`. */
  reason?: AlphaUndefinedReason;
}

/**
 * Krippendorff's alpha for `data`: one row per coder, one column per unit, `null` for a missing
 * value; any number of coders, missing values allowed.
 *
 * Conventions:
 * - A unit with fewer than two values has nothing to pair and is dropped (`units` counts the rest).
 * - `ordinal` uses Krippendorff's rank distance δ²_ck = (Σ_{g=c..k} n_g − (n_c + n_k)/2)², with
 *   n_g the marginal sums of the coincidence matrix; `interval` (c − k)²; `ratio` ((c − k)/(c + k))²,
 *   0 when c = k = 0. At these three levels values are compared as numbers (see `categories`).
 * - `value` is `null` with `reason: 'no-pairable-values'` when no unit has two values, and with
 *   `reason: 'no-variation'` when every pairable value is the same (D_e = 0): alpha is 0/0 there,
 *   and perfect agreement on a single category says nothing about reliability.
 *
 * Cost: O(units × coders²) plus O(categories) — O(categories²) for `ratio` — and no matrix of
 * categories, so continuous interval data with thousands of distinct values stays cheap.
 * @example
 * krippendorffAlpha([[0, 1, 0, 0, 0, 0, 0, 0, 1, 0], [1, 1, 1, 0, 0, 1, 0, 0, 0, 0]]).value // ≈ 0.095
 */
export function krippendorffAlpha(data: readonly (readonly RatingValue[])[], options: AlphaOptions = {}): AlphaResult {
  const level = options.level ?? 'nominal';
  const ordered = level === 'nominal' ? null : orderedRatings(data, options.categories, `${level} alpha`);
  const { codes, coders, units, categories } = ordered ? codeRatings(ordered.data, ordered.categories) : codeRatings(data, options.categories);
  const categoryCount = categories.length;

  // Pass 1: which units are pairable, and the marginals n_c of the coincidence matrix.
  const valuesPerUnit = new Int32Array(units);
  for (let coder = 0; coder < coders; coder++) {
    const offset = coder * units;
    for (let unit = 0; unit < units; unit++) if (codes[offset + unit] !== MISSING) valuesPerUnit[unit]!++;
  }
  const marginals = new Float64Array(categoryCount);
  let pairableUnits = 0;
  let n = 0;
  for (let unit = 0; unit < units; unit++) {
    if (valuesPerUnit[unit]! < 2) continue;
    pairableUnits++;
    n += valuesPerUnit[unit]!;
    for (let coder = 0; coder < coders; coder++) {
      const code = codes[coder * units + unit]!;
      if (code !== MISSING) marginals[code]!++;
    }
  }
  if (n === 0) {
    return { value: null, units: 0, pairableValues: 0, observedDisagreement: 0, expectedDisagreement: 0, reason: 'no-pairable-values' };
  }

  const positions = categoryPositions(level, categories, marginals);
  const delta = distance(level, positions);

  // Pass 2: D_o = (1/n) Σ_u 1/(m_u − 1) Σ_{i≠j} δ²(v_ui, v_uj), ordered pairs counted twice.
  const present = new Int32Array(coders);
  let observedSum = 0;
  for (let unit = 0; unit < units; unit++) {
    const m = valuesPerUnit[unit]!;
    if (m < 2) continue;
    let count = 0;
    for (let coder = 0; coder < coders; coder++) {
      const code = codes[coder * units + unit]!;
      if (code !== MISSING) present[count++] = code;
    }
    let unitSum = 0;
    for (let i = 1; i < count; i++) {
      const ci = present[i]!;
      for (let j = 0; j < i; j++) unitSum += delta(ci, present[j]!);
    }
    observedSum += (2 * unitSum) / (m - 1);
  }
  const observedDisagreement = observedSum / n;
  const expectedDisagreement = expectedSum(level, marginals, positions, delta, n) / (n * (n - 1));

  const result = { units: pairableUnits, pairableValues: n, observedDisagreement, expectedDisagreement };
  if (!(expectedDisagreement > 0)) return { value: null, ...result, reason: 'no-variation' };
  return { value: 1 - observedDisagreement / expectedDisagreement, ...result };
}

/**
 * The number each category stands for. Ordinal positions are mid-ranks over the marginals,
 * P_c = Σ_{g<c} n_g + n_c/2, so that (P_k − P_c)² is exactly Krippendorff's ordinal δ²_ck.
 */
function categoryPositions(level: AlphaLevel, categories: readonly Category[], marginals: Float64Array): Float64Array {
  const positions = new Float64Array(categories.length);
  if (level === 'ordinal') {
    let below = 0;
    for (let c = 0; c < categories.length; c++) {
      positions[c] = below + marginals[c]! / 2;
      below += marginals[c]!;
    }
  } else if (level === 'interval' || level === 'ratio') {
    categories.forEach((category, c) => {
      const value = Number(category); // a number already: the ratings went through orderedRatings
      if (level === 'ratio' && value < 0) throw new Error(`ratio alpha needs values ≥ 0, got ${value}`);
      positions[c] = value;
    });
  }
  return positions;
}

function distance(level: AlphaLevel, positions: Float64Array): (c: number, k: number) => number {
  switch (level) {
    case 'nominal':
      return (c, k) => (c === k ? 0 : 1);
    case 'ordinal':
    case 'interval':
      return (c, k) => {
        const d = positions[c]! - positions[k]!;
        return d * d;
      };
    case 'ratio':
      return (c, k) => {
        const sum = positions[c]! + positions[k]!;
        if (sum === 0) return 0;
        const r = (positions[c]! - positions[k]!) / sum;
        return r * r;
      };
  }
}

/** Σ_c Σ_k n_c n_k δ²_ck, in closed form where the metric allows it. */
function expectedSum(level: AlphaLevel, marginals: Float64Array, positions: Float64Array, delta: (c: number, k: number) => number, n: number): number {
  const categoryCount = marginals.length;
  if (level === 'nominal') {
    let squares = 0;
    for (let c = 0; c < categoryCount; c++) squares += marginals[c]! * marginals[c]!;
    return n * n - squares;
  }
  if (level === 'ordinal' || level === 'interval') {
    // Σ_c Σ_k n_c n_k (x_c − x_k)² = 2n Σ_c n_c (x_c − mean)²
    let mean = 0;
    for (let c = 0; c < categoryCount; c++) mean += marginals[c]! * positions[c]!;
    mean /= n;
    let spread = 0;
    for (let c = 0; c < categoryCount; c++) {
      const d = positions[c]! - mean;
      spread += marginals[c]! * d * d;
    }
    return 2 * n * spread;
  }
  let total = 0;
  for (let c = 0; c < categoryCount; c++) {
    if (marginals[c] === 0) continue;
    for (let k = c + 1; k < categoryCount; k++) total += marginals[c]! * marginals[k]! * delta(c, k);
  }
  return 2 * total;
}
