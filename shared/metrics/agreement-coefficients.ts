import { isWeighted, weightMatrix, type AgreementWeights } from './agreement-weights';
import { codeRatings, MISSING, type Category, type RatingValue } from './category-codes';
import { orderedRatings } from './ordered-values';
import { PoissonBootstrap, type BootstrapOptions, type Interval } from './poisson-bootstrap';

/**
 * Chance-corrected agreement in the general framework of K. L. Gwet, *Handbook of Inter-Rater
 * Reliability* (4th ed., 2014), as the R package irrCAC computes it from raw ratings: any number
 * of coders, missing ratings allowed, weighted or not. All share the percent agreement
 *   p_a = mean over units with r_i ≥ 2 ratings of Σ_k r_ik (r*_ik − 1) / (r_i (r_i − 1)),
 * with r_ik the unit's ratings in category k and r*_ik = Σ_l w_kl r_il, and differ in the
 * agreement they expect by chance, from the category shares π_k = mean over rated units of r_ik / r_i:
 * - Gwet's AC1 (unweighted) / AC2 (weighted): p_e = T_w / (q(q − 1)) · Σ_k π_k (1 − π_k), T_w = Σ w_kl.
 *   Chance is what coders do when they are unsure, so a class that nearly everyone uses
 *   does not inflate it: AC1 stays high when coders agree on skewed data (the kappa paradox).
 * - Brennan–Prediger (free-marginal kappa): p_e = T_w / q², every category equally likely.
 * - Fleiss' kappa (weighted when w is): p_e = Σ_k Σ_l w_kl π_k π_l.
 * Each is (p_a − p_e) / (1 − p_e).
 */

export interface AgreementCoefficientsOptions {
  /** Default `none`. Weighted coefficients compare values in the categories' order (see `categories`). */
  weights?: AgreementWeights;
  /**
   * Every category, in order: q counts them, so listing one nobody used changes AC1, AC2 and
   * Brennan–Prediger. Needed with weights when values are strings that are not numbers (each
   * value then stands for its place); without it, the observed values sorted, numeric strings by value.
   */
  categories?: readonly Category[];
  /** Percentile intervals over units (Poisson bootstrap, seed 1, 200 resamples, 95 % by default); `false` skips them. */
  bootstrap?: BootstrapOptions | false;
}

export interface Coefficient {
  /** `null` when undefined: no unit with two ratings, or chance agreement of 1 (one category only). */
  value: number | null;
  /** p_e, the agreement expected by chance; `null` with fewer than two categories for AC1/AC2. */
  chanceAgreement: number | null;
  /** Bootstrap interval of `value` over units; `null` when skipped or undefined. */
  interval: Interval | null;
}

export interface AgreementCoefficients {
  /** p_a, weighted when the weights are; `null` when no unit has two ratings. */
  percentAgreement: number | null;
  /** Gwet's AC1, or AC2 when weighted. */
  gwet: Coefficient;
  brennanPrediger: Coefficient;
  /** Fleiss' kappa in Gwet's form, which keeps units with missing ratings; weighted when the weights are. */
  fleiss: Coefficient;
  /** Units with two or more ratings: those p_a is taken over. */
  units: number;
  /** Units with at least one rating: those the category shares are taken over. */
  ratedUnits: number;
  /** q, the number of categories. */
  categories: number;
}

// Sums over units: Σ agreement term, units with ≥ 2 ratings, units with ≥ 1, then Σ r_ik / r_i per category.
const AGREEMENT = 0;
const PAIRED = 1;
const RATED = 2;
const SHARES = 3;

/**
 * AC1/AC2, Brennan–Prediger and (weighted) Fleiss' kappa of `data`: one row per coder, one
 * column per unit, `null` for a missing rating.
 * @example
 * const c = agreementCoefficients([['y', 'y', 'y', 'y', 'n'], ['y', 'y', 'y', 'y', 'y']], { bootstrap: false });
 * // p_a 0.8; π_y 0.9: AC1 (0.8 − 0.18)/(1 − 0.18) ≈ 0.756, Brennan–Prediger 0.6, Fleiss (0.8 − 0.82)/0.18 ≈ −0.11
 */
export function agreementCoefficients(data: readonly (readonly RatingValue[])[], options: AgreementCoefficientsOptions = {}): AgreementCoefficients {
  const weights = options.weights ?? 'none';
  const ordered = isWeighted(weights) ? orderedRatings(data, options.categories, 'weighted agreement') : null;
  const { codes, coders, units, categories } = ordered ? codeRatings(ordered.data, ordered.categories) : codeRatings(data, options.categories);
  const q = categories.length;
  const w = weightMatrix(weights, q);
  const width = SHARES + q;

  const sums = new Float64Array(width);
  const unit = new Float64Array(width);
  const counts = new Float64Array(q);
  const present = new Int32Array(Math.max(q, 1));
  const touched = new Int32Array(SHARES + q); // the entries of `unit` this unit set
  const bootstrap = options.bootstrap === false ? null : new PoissonBootstrap(width, options.bootstrap);
  for (let u = 0; u < units; u++) {
    let distinct = 0;
    let rated = 0;
    for (let coder = 0; coder < coders; coder++) {
      const code = codes[coder * units + u]!;
      if (code === MISSING) continue;
      if (counts[code] === 0) present[distinct++] = code;
      counts[code]!++;
      rated++;
    }
    if (rated === 0) continue;
    unit[RATED] = 1;
    if (rated >= 2) {
      unit[PAIRED] = 1;
      let agreement = 0;
      for (let i = 0; i < distinct; i++) {
        const k = present[i]!;
        let weighted = 0; // r*_ik
        for (let j = 0; j < distinct; j++) weighted += w[k * q + present[j]!]! * counts[present[j]!]!;
        agreement += counts[k]! * (weighted - 1);
      }
      unit[AGREEMENT] = agreement / (rated * (rated - 1));
    }
    let used = 0;
    touched[used++] = AGREEMENT;
    touched[used++] = PAIRED;
    touched[used++] = RATED;
    for (let i = 0; i < distinct; i++) {
      const k = present[i]!;
      unit[SHARES + k] = counts[k]! / rated;
      touched[used++] = SHARES + k;
      counts[k] = 0;
    }
    for (let i = 0; i < used; i++) sums[touched[i]!]! += unit[touched[i]!]!;
    bootstrap?.applySparse(u, unit, touched, used, 1);
    for (let i = 0; i < used; i++) unit[touched[i]!] = 0;
  }

  const result = coefficientsOfSums(sums, w, q);
  const interval = (pick: (r: PointCoefficients) => number | null) => bootstrap?.interval((resample) => pick(coefficientsOfSums(resample, w, q))) ?? null;
  return {
    percentAgreement: result.percentAgreement,
    gwet: { ...result.gwet, interval: interval((r) => r.gwet.value) },
    brennanPrediger: { ...result.brennanPrediger, interval: interval((r) => r.brennanPrediger.value) },
    fleiss: { ...result.fleiss, interval: interval((r) => r.fleiss.value) },
    units: Math.round(sums[PAIRED]!),
    ratedUnits: Math.round(sums[RATED]!),
    categories: q,
  };
}

/** The coefficients without intervals. */
export type PointCoefficients = Pick<AgreementCoefficients, 'percentAgreement'> & Record<'gwet' | 'brennanPrediger' | 'fleiss', Omit<Coefficient, 'interval'>>;

/**
 * Two coders' ratings as counts of category pairs, categories numbered 0 to q − 1: cell i says
 * `counts[i]` units were rated `first[i]` by one coder and `second[i]` by the other. Kept as
 * columns so that a table refilled for every bootstrap resample allocates nothing per cell.
 */
export interface PairTable {
  first: ArrayLike<number>;
  second: ArrayLike<number>;
  counts: ArrayLike<number>;
  /** The cells: the first `cells` entries of each column. */
  cells: number;
  q: number;
}

/**
 * The unweighted coefficients of a {@link PairTable}: for figures kept as a table, such as the
 * classes of matched boxes.
 * @example pairTableCoefficients({ first: [0, 1, 0], second: [0, 1, 1], counts: [8, 1, 1], cells: 3, q: 2 }).gwet.value // p_a 0.9, π 0.85/0.15 → (0.9 − 0.255)/0.745 ≈ 0.866
 */
export function pairTableCoefficients({ first, second, counts, cells, q }: PairTable): PointCoefficients {
  const sums = new Float64Array(SHARES + q);
  for (let i = 0; i < cells; i++) {
    const k = first[i]!;
    const l = second[i]!;
    const count = counts[i]!;
    sums[RATED]! += count;
    sums[PAIRED]! += count;
    if (k === l) sums[AGREEMENT]! += count;
    sums[SHARES + k]! += count / 2;
    sums[SHARES + l]! += count / 2;
  }
  return coefficientsOfSums(sums, weightMatrix('none', q), q);
}

/** The coefficients of summed unit terms (the layout above), for a weight matrix `w` of q × q. */
function coefficientsOfSums(sums: Float64Array, w: Float64Array, q: number): PointCoefficients {
  const paired = sums[PAIRED]!;
  const rated = sums[RATED]!;
  const pa = paired > 0 ? sums[AGREEMENT]! / paired : null;
  let totalWeight = 0;
  for (const weight of w) totalWeight += weight;
  let spread = 0; // Σ π_k (1 − π_k)
  let fleissChance = 0; // Σ w_kl π_k π_l
  for (let k = 0; k < q; k++) {
    const pk = rated > 0 ? sums[SHARES + k]! / rated : 0;
    spread += pk * (1 - pk);
    for (let l = 0; l < q; l++) fleissChance += w[k * q + l]! * pk * (rated > 0 ? sums[SHARES + l]! / rated : 0);
  }
  const corrected = (chance: number | null): Omit<Coefficient, 'interval'> => ({
    value: pa === null || chance === null || chance >= 1 ? null : (pa - chance) / (1 - chance),
    chanceAgreement: chance,
  });
  return {
    percentAgreement: pa,
    gwet: corrected(q >= 2 ? (totalWeight * spread) / (q * (q - 1)) : null),
    brennanPrediger: corrected(q >= 1 ? totalWeight / (q * q) : null),
    fleiss: corrected(rated > 0 ? fleissChance : null),
  };
}
