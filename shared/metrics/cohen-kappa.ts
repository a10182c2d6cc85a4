import { isWeighted, weightMatrix, type AgreementWeights } from './agreement-weights';
import { codeRatings, MISSING, type Category, type RatingValue } from './category-codes';
import { orderedRatings } from './ordered-values';

/**
 * Cohen's kappa for two coders, unweighted (J. Cohen 1960) or weighted (Cohen 1968):
 * κ = (p_o − p_e) / (1 − p_e) over the agreement-weighted contingency table.
 */

/** Credit for a near miss: see {@link AgreementWeights}; a matrix follows the categories' order. */
export type KappaWeights = AgreementWeights;

export interface CohenKappaOptions {
  weights?: KappaWeights;
  /**
   * The categories in order (the order matters only for weighted kappa); a value outside the list
   * throws. Defaults to the sorted union of observed values. Weighted kappa compares numbers and
   * numeric strings by value ("9" before "10") and refuses other strings unless their order is
   * given here. Listing categories nobody used changes linear and quadratic weights, since K changes.
   */
  categories?: readonly Category[];
}

export interface CohenKappaResult {
  /** κ, or `null` when undefined: no units rated by both, or p_e = 1 (both coders used one and the same category). */
  value: number | null;
  /** p_o, the weighted proportion of agreement (plain proportion when unweighted); 0 when n = 0. */
  observedAgreement: number;
  /** p_e, the agreement expected from the two coders' marginals; 0 when n = 0. */
  expectedAgreement: number;
  /** Units rated by both coders: the only units that count. */
  n: number;
}

/**
 * Cohen's kappa between coders `a` and `b` (`a[i]` and `b[i]` rate unit i). Units where either
 * value is missing (`null`) are skipped. Perfect agreement gives 1, chance-level agreement 0.
 * @example
 * cohenKappa(['y', 'y', 'n', 'n'], ['y', 'n', 'n', 'n']).value // p_o 0.75, p_e 0.5 → 0.5
 */
export function cohenKappa(a: readonly RatingValue[], b: readonly RatingValue[], options: CohenKappaOptions = {}): CohenKappaResult {
  if (a.length !== b.length) throw new Error(`Coders rated different numbers of units: ${a.length} and ${b.length}`);
  const weights = options.weights ?? 'none';
  const ordered = isWeighted(weights) ? orderedRatings([a, b], options.categories, 'weighted kappa') : null;
  const { codes, units, categories } = ordered ? codeRatings(ordered.data, ordered.categories) : codeRatings([a, b], options.categories);
  const k = categories.length;

  const table = new Float64Array(k * k);
  const rowTotals = new Float64Array(k);
  const columnTotals = new Float64Array(k);
  let n = 0;
  for (let unit = 0; unit < units; unit++) {
    const i = codes[unit]!;
    const j = codes[units + unit]!;
    if (i === MISSING || j === MISSING) continue;
    table[i * k + j]!++;
    rowTotals[i]!++;
    columnTotals[j]!++;
    n++;
  }
  if (n === 0) return { value: null, observedAgreement: 0, expectedAgreement: 0, n: 0 };

  const weight = weightMatrix(weights, k);
  let observed = 0;
  let expected = 0;
  for (let i = 0; i < k; i++) {
    if (rowTotals[i] === 0) continue;
    for (let j = 0; j < k; j++) {
      const w = weight[i * k + j]!;
      if (w === 0) continue;
      observed += w * table[i * k + j]!;
      expected += w * rowTotals[i]! * columnTotals[j]!;
    }
  }
  const observedAgreement = observed / n;
  const expectedAgreement = expected / (n * n);
  const value = expectedAgreement >= 1 ? null : (observedAgreement - expectedAgreement) / (1 - expectedAgreement);
  return { value, observedAgreement, expectedAgreement, n };
}
