import { predictedClass } from './predicted-class';

export interface LikelyLabelError {
  index: number;
  given: number;
  suggested: number;
  /** The model's probability for the given label: the lower, the likelier an error. */
  givenProbability: number;
  suggestedProbability: number;
}

/**
 * Likely label errors by confident learning (Northcutt, Jiang & Chuang 2021, "Confident
 * learning: estimating uncertainty in dataset labels"): each class's threshold is the model's
 * mean probability for that class over the samples labeled with it; a sample is suspect when
 * the model's probability for another class reaches that class's threshold and beats the
 * given label's. Suspects are ranked by self-confidence, lowest probability of the given label
 * first. `probabilities` should be out-of-sample (held-out predictions), as in the paper.
 * @example likelyLabelErrors([[0.9, 0.1], [0.8, 0.2], [0.1, 0.9], [0.95, 0.05]], [0, 0, 1, 1])[0] // index 3: labeled 1, the model is sure it is 0
 */
export function likelyLabelErrors(probabilities: readonly (readonly number[])[], given: readonly number[]): LikelyLabelError[] {
  const k = probabilities[0]?.length ?? 0;
  const sums = new Array<number>(k).fill(0);
  const counts = new Array<number>(k).fill(0);
  given.forEach((label, i) => {
    sums[label]! += probabilities[i]![label]!;
    counts[label]!++;
  });
  const thresholds = sums.map((sum, c) => (counts[c] === 0 ? Infinity : sum / counts[c]!));
  const suspects: LikelyLabelError[] = [];
  given.forEach((label, index) => {
    const p = probabilities[index]!;
    let suggested = -1;
    for (let c = 0; c < k; c++) {
      if (c === label || p[c]! < thresholds[c]! || p[c]! <= p[label]!) continue;
      if (suggested === -1 || p[c]! > p[suggested]!) suggested = c;
    }
    if (suggested !== -1) suspects.push({ index, given: label, suggested, givenProbability: p[label]!, suggestedProbability: p[suggested]! });
  });
  return suspects.sort((x, y) => x.givenProbability - y.givenProbability || x.index - y.index);
}

/** Label errors worth sending back, or why none are proposed. */
export type LabelErrorProposal =
  | { trusted: true; accuracy: number; baselineAccuracy: number; suspects: LikelyLabelError[] }
  | {
      trusted: false;
      /** The model's accuracy on the held-out examples; `null` with none. */
      accuracy: number | null;
      /** How often always answering `commonestClass` is right on them. */
      baselineAccuracy: number | null;
      commonestClass: number | null;
      suspects: [];
    };

/**
 * Likely label errors, only from a model that beats always answering the commonest class on
 * the held-out examples it is judged on: a model that has not learned the classes doubts
 * labels it cannot read, and its "errors" would send right labels back to be redone.
 * `probabilities` and `given` are held-out, as for {@link likelyLabelErrors}.
 * @example proposeLabelErrors([[0.9, 0.1], [0.8, 0.2], [0.3, 0.7]], [1, 1, 1]) // { trusted: false, accuracy: 1/3, baselineAccuracy: 1, commonestClass: 1, suspects: [] }
 */
export function proposeLabelErrors(probabilities: readonly (readonly number[])[], given: readonly number[]): LabelErrorProposal {
  if (given.length === 0) return { trusted: false, accuracy: null, baselineAccuracy: null, commonestClass: null, suspects: [] };
  const counts = new Map<number, number>();
  for (const label of given) counts.set(label, (counts.get(label) ?? 0) + 1);
  // The commonest class; the lower index on a tie, as a constant answer would be chosen.
  const [commonestClass, commonestCount] = [...counts].sort(([a, x], [b, y]) => y - x || a - b)[0]!;
  const baselineAccuracy = commonestCount / given.length;
  const accuracy = given.filter((label, i) => predictedClass(probabilities[i]!) === label).length / given.length;
  if (accuracy <= baselineAccuracy) return { trusted: false, accuracy, baselineAccuracy, commonestClass, suspects: [] };
  return { trusted: true, accuracy, baselineAccuracy, suspects: likelyLabelErrors(probabilities, given) };
}
