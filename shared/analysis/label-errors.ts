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
