import { codeRatings, MISSING, type RatingValue } from './category-codes';

/**
 * Fleiss' kappa (J. L. Fleiss, "Measuring nominal scale agreement among many raters", 1971):
 * κ = (P̄ − P̄_e) / (1 − P̄_e) for units each rated by the same number of raters, nominal categories.
 */

export interface FleissKappaResult {
  /** κ, or `null` when undefined: no complete units, fewer than two raters, or P̄_e = 1 (one category only). */
  value: number | null;
  /** P̄, the mean over units of the proportion of agreeing rater pairs; 0 when no unit counts. */
  observedAgreement: number;
  /** P̄_e = Σ_j p_j², with p_j the share of all ratings in category j; 0 when no unit counts. */
  expectedAgreement: number;
  /** Units rated by every coder: the only units that count. */
  units: number;
  /** Units left out because at least one coder's value is missing. */
  excludedUnits: number;
  /** Raters per unit, i.e. coder rows. */
  raters: number;
}

/**
 * Fleiss' kappa for `data` in coder rows (one row per coder, one column per unit, `null` for a
 * missing value), as for `krippendorffAlpha`. Fleiss' formula needs every unit rated by
 * the same raters count, so a unit with any missing value is excluded and counted in
 * `excludedUnits`; Krippendorff's alpha is the measure that uses incomplete units.
 * Fleiss' kappa does not require the same raters for every unit; only the count matters here.
 * @example
 * fleissKappa([['a', 'a', 'b'], ['a', 'b', 'b'], ['a', 'b', 'b']]).value // P̄ = 7/9, P̄_e = 41/81 → 0.55
 */
export function fleissKappa(data: readonly (readonly RatingValue[])[]): FleissKappaResult {
  const { codes, coders: raters, units, categories } = codeRatings(data);
  const categoryTotals = new Float64Array(categories.length);
  const countInUnit = new Int32Array(categories.length);

  let complete = 0;
  let agreeingPairs = 0; // Σ_i Σ_j n_ij (n_ij − 1)
  for (let unit = 0; unit < units; unit++) {
    let missing = false;
    for (let rater = 0; rater < raters; rater++) {
      if (codes[rater * units + unit] === MISSING) {
        missing = true;
        break;
      }
    }
    if (missing) continue;
    complete++;
    for (let rater = 0; rater < raters; rater++) countInUnit[codes[rater * units + unit]!]!++;
    // Σ_j n_ij² = Σ over raters of the count of their category; reset each count once read.
    let squares = 0;
    for (let rater = 0; rater < raters; rater++) {
      const code = codes[rater * units + unit]!;
      const count = countInUnit[code]!;
      if (count === 0) continue;
      squares += count * count;
      categoryTotals[code]! += count;
      countInUnit[code] = 0;
    }
    agreeingPairs += squares - raters;
  }

  const excludedUnits = units - complete;
  if (complete === 0 || raters < 2) {
    return { value: null, observedAgreement: 0, expectedAgreement: 0, units: complete, excludedUnits, raters };
  }
  const observedAgreement = agreeingPairs / (complete * raters * (raters - 1));
  let expectedAgreement = 0;
  const ratings = complete * raters;
  for (const total of categoryTotals) expectedAgreement += (total / ratings) * (total / ratings);
  const value = expectedAgreement >= 1 ? null : (observedAgreement - expectedAgreement) / (1 - expectedAgreement);
  return { value, observedAgreement, expectedAgreement, units: complete, excludedUnits, raters };
}
