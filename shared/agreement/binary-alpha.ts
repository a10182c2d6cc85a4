import type { BinaryAlpha } from './types';

/**
 * Krippendorff's alpha (nominal) of yes/no judgements, kept as sums so samples can be added and
 * taken back one at a time. A sample with m ≥ 2 judgements, p of them yes, adds to the
 * coincidence matrix (Krippendorff 2011, "Computing Krippendorff's alpha-reliability", §C):
 * o₁₁ += p(p−1)/(m−1), o₀₀ += (m−p)(m−p−1)/(m−1), o₀₁ + o₁₀ += 2p(m−p)/(m−1); then
 * α = 1 − (n−1)·(o₀₁ + o₁₀) / (2·n₀·n₁) with n₀, n₁ the value totals and n = n₀ + n₁.
 */

// Layout of a coincidence vector: o₀₀, o₀₁ + o₁₀, o₁₁, units, positives, judgements.
export const COINCIDENCE_WIDTH = 6;
const NO_NO = 0;
const DISAGREE = 1;
const YES_YES = 2;
const UNITS = 3;
const POSITIVES = 4;
const JUDGEMENTS = 5;

/** What one sample's judgements add; all zeros when fewer than two (such a sample does not count). */
export function coincidences(judgements: readonly boolean[]): Float64Array {
  const out = new Float64Array(COINCIDENCE_WIDTH);
  const m = judgements.length;
  if (m < 2) return out;
  let p = 0;
  for (const value of judgements) if (value) p++;
  out[NO_NO] = ((m - p) * (m - p - 1)) / (m - 1);
  out[DISAGREE] = (2 * p * (m - p)) / (m - 1);
  out[YES_YES] = (p * (p - 1)) / (m - 1);
  out[UNITS] = 1;
  out[POSITIVES] = p;
  out[JUDGEMENTS] = m;
  return out;
}

/**
 * Alpha of summed coincidence vectors; `null` when undefined (no unit, or every judgement the same).
 * @example binaryAlpha(sum of coincidences([true, true]), ([false, false]), ([true, false])).alpha // 1 − 5·2/(2·3·3) ≈ 0.444
 */
export function binaryAlpha(sums: Float64Array): BinaryAlpha {
  // The value totals are whole counts, kept exactly (the coincidences are fractions, and sums
  // of them that were added and taken back can be off in the last bits).
  const yes = Math.round(sums[POSITIVES]!);
  const n = Math.round(sums[JUDGEMENTS]!);
  const no = n - yes;
  const alpha = no === 0 || yes === 0 ? null : 1 - ((n - 1) * sums[DISAGREE]!) / (2 * no * yes);
  return { alpha, units: Math.round(sums[UNITS]!), positives: yes };
}
