import type { AnnotationPayload, Box } from '../annotation/payload';
import { textOf } from '../disagreement/transcript-disagreements';
import { wordErrorRate } from '../metrics/error-rate';
import { matchBoxes } from '../metrics/box-matching';

export interface PredictedBox {
  classId: number;
  x1: number;
  y1: number;
  x2: number;
  y2: number;
  /** The model's confidence, 0–1. */
  score: number;
}

/**
 * How right a model's prediction is for one sample, 0–1, against its gold label. Transcripts:
 * 1 − WER (case and punctuation ignored, as models rarely write them), at least 0. Boxes: F1 of
 * the predicted boxes at or above `minScore` against the gold boxes, matched one to one by IoU
 * (≥ `iou`) within each class; 1 when neither has a box.
 * @example scorePrediction(goldTranscript('Turn on the lights.'), 'turn on the light') // 1 − 1/4 = 0.75
 */
export function scorePrediction(
  gold: AnnotationPayload,
  prediction: string | readonly PredictedBox[],
  options: { minScore?: number; iou?: number } = {},
): number {
  if (gold.kind === 'transcript') {
    if (typeof prediction !== 'string') throw new Error('a transcript is scored against predicted text');
    const reference = gold.noSpeech ? '' : textOf(gold);
    const result = wordErrorRate(reference, prediction, { normalise: ['nfc', 'case', 'punctuation', 'whitespace'] });
    return result.value === null ? 0 : Math.max(0, 1 - result.value);
  }
  if (typeof prediction === 'string') throw new Error('boxes are scored against predicted boxes');
  const predicted = prediction.filter((box) => box.score >= (options.minScore ?? 0.5));
  let tp = 0;
  for (const classId of new Set([...gold.boxes.map((b) => b.classId), ...predicted.map((b) => b.classId)])) {
    const corners = (list: readonly Pick<Box, 'x1' | 'y1' | 'x2' | 'y2' | 'classId'>[]) =>
      list.filter((b) => b.classId === classId).map((b) => [b.x1, b.y1, b.x2, b.y2] as const);
    tp += matchBoxes(corners(gold.boxes), corners(predicted), { threshold: options.iou ?? 0.5 }).tp;
  }
  const total = gold.boxes.length + predicted.length;
  return total === 0 ? 1 : (2 * tp) / total;
}
