/**
 * The class a model predicts: the one of highest probability, the lower index on a tie. A
 * probability that is not a number (a diverged run) never wins, so the answer is always a class.
 * @example predictedClass([0.2, 0.5, 0.3]) // 1
 */
export function predictedClass(probabilities: ArrayLike<number>): number {
  let best = 0;
  for (let c = 1; c < probabilities.length; c++) if (probabilities[c]! > probabilities[best]! || Number.isNaN(probabilities[best]!)) best = c;
  return best;
}
