import type { AnnotationPayload } from '../annotation/payload';
import { emptyPayload } from '../annotation/empty-payload';
import type { PredictedBox } from '../analysis/score-predictions';

/** What turning a prediction into a label needs of its sample. */
export interface PredictionTarget {
  kind: 'bbox' | 'transcript';
  /** The image's size: boxes reaching past its edges are cut at them, as a labeler could not draw them there. */
  image: { width: number; height: number } | null;
  /** The clip's length, for a transcript (its one segment spans the clip). */
  durationMs: number | null;
}

/**
 * A model's prediction as a label a labeler can start from: the boxes at or above `minScore`
 * cut at the image's edges (ids `model-1`, `model-2`, … so they read as the model's), or the text as one segment over
 * the whole clip. Empty text is a clip the model heard no speech in.
 * @example predictionPayload([{ classId: 1, x1: 0, y1: 0, x2: 5, y2: 5, score: 0.9 }], { kind: 'bbox', image: null, durationMs: null }, 0.5).boxes.length // 1
 */
export function predictionPayload(prediction: readonly PredictedBox[] | string, target: PredictionTarget, minScore: number): AnnotationPayload {
  if (target.kind === 'bbox') {
    if (typeof prediction === 'string') throw new Error('a bbox project takes predicted boxes, not text');
    const width = target.image?.width ?? Infinity;
    const height = target.image?.height ?? Infinity;
    const boxes = prediction
      .filter((box) => box.score >= minScore)
      .map((box) => ({ classId: box.classId, x1: Math.max(0, box.x1), y1: Math.max(0, box.y1), x2: Math.min(width, box.x2), y2: Math.min(height, box.y2) }))
      .filter((box) => box.x2 > box.x1 && box.y2 > box.y1)
      .map((box, index) => ({ id: `model-${index + 1}`, ...box }));
    return { ...emptyPayload('bbox'), boxes };
  }
  if (typeof prediction !== 'string') throw new Error('a transcript project takes predicted text, not boxes');
  const text = prediction.trim();
  const endMs = Math.max(1, Math.round(target.durationMs ?? 0));
  if (text === '') return { ...emptyPayload('transcript'), noSpeech: true };
  return { ...emptyPayload('transcript'), segments: [{ id: 'model-1', startMs: 0, endMs, text }] };
}
