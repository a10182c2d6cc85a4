/** How well predicted classes match the gold ones, per class and overall. */
export interface ClassificationReport {
  accuracy: number | null;
  /** Unweighted mean of the per-class F1 (classes with support or predictions). */
  macroF1: number | null;
  perClass: { label: string; precision: number | null; recall: number | null; f1: number | null; support: number; predicted: number }[];
  /** `confusion[gold][predicted]` counts, in `labels` order. */
  confusion: number[][];
  labels: string[];
}

/**
 * Precision, recall and F1 per class, and the confusion matrix, of predictions against gold
 * labels (indices into `labels`). A model that always answers the majority class gets recall 0
 * and F1 0 (or `null`, when never predicted and never present) on every other class, so macro F1
 * shows it up where accuracy would not.
 * @example classificationReport([0, 0, 1], [0, 0, 0], ['cat', 'dog']).perClass[1].recall // 0
 */
export function classificationReport(gold: readonly number[], predicted: readonly number[], labels: readonly string[]): ClassificationReport {
  if (gold.length !== predicted.length) throw new Error(`${gold.length} gold labels but ${predicted.length} predictions`);
  const k = labels.length;
  const confusion = Array.from({ length: k }, () => new Array<number>(k).fill(0));
  let correct = 0;
  gold.forEach((g, i) => {
    const p = predicted[i]!;
    if (!(g >= 0 && g < k && p >= 0 && p < k)) throw new Error(`label index out of range at ${i}: gold ${g}, predicted ${p}`);
    confusion[g]![p]!++;
    if (g === p) correct++;
  });
  const perClass = labels.map((label, c) => {
    const tp = confusion[c]![c]!;
    const support = confusion[c]!.reduce((sum, n) => sum + n, 0);
    const predictedCount = confusion.reduce((sum, row) => sum + row[c]!, 0);
    const precision = predictedCount === 0 ? null : tp / predictedCount;
    const recall = support === 0 ? null : tp / support;
    const f1 = support + predictedCount === 0 ? null : (2 * tp) / (support + predictedCount);
    return { label, precision, recall, f1, support, predicted: predictedCount };
  });
  const f1s = perClass.flatMap((c) => (c.f1 === null ? [] : [c.f1]));
  return {
    accuracy: gold.length === 0 ? null : correct / gold.length,
    macroF1: f1s.length === 0 ? null : f1s.reduce((sum, f) => sum + f, 0) / f1s.length,
    perClass,
    confusion,
    labels: [...labels],
  };
}
