import { krippendorffAlpha } from '../metrics/krippendorff-alpha';
import type { BinaryAlpha } from './types';

/**
 * Krippendorff's alpha (nominal) of yes/no judgements grouped by sample: `judgements[s]` holds
 * one boolean per labeler of sample s. Alpha depends only on which values share a unit, not on
 * who gave them, so rows are "first, second, … judgement of the sample" rather than labelers:
 * the matrix is (most labelers on one sample) × samples, however many labelers the project has.
 * Samples with fewer than two judgements do not count.
 * @example binaryAlpha([[true, true], [false, false], [true, false]]).alpha // D_o = 2/6, D_e = 2·3·3/(6·5): 1 − (1/3)/0.6 ≈ 0.444
 */
export function binaryAlpha(judgements: readonly (readonly boolean[])[]): BinaryAlpha {
  let rows = 0;
  let positives = 0;
  for (const sample of judgements) {
    if (sample.length < 2) continue;
    rows = Math.max(rows, sample.length);
    for (const value of sample) if (value) positives++;
  }
  const pairable = judgements.filter((sample) => sample.length >= 2);
  const data = Array.from({ length: rows }, (_, row) => pairable.map((sample) => (row < sample.length ? (sample[row] ? 1 : 0) : null)));
  const result = krippendorffAlpha(data, { level: 'nominal' });
  return { alpha: result.value, units: result.units, positives };
}
