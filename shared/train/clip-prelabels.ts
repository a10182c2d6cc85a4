import { NO_SPEECH_CLASS } from './clip-targets';

/** A clip's transcript as a model predicted it, with how sure it was. */
export interface PredictedTranscript {
  sampleId: number;
  /** Empty when the model heard no speech. */
  text: string;
  /** The probability of the class it chose, 0–1. */
  confidence: number;
}

/**
 * A clip classifier's answers as pre-labels: for each clip its most probable transcript, kept only
 * when the model gave it at least `minConfidence`, since a confident wrong transcript pulls a
 * labeler towards it (anchoring) more than an empty start costs them.
 * @example
 * transcriptPrelabels([7, 8], Float32Array.of(0.9, 0.1, 0.4, 0.6), ['stop', '(no speech)'], 0.8)
 * // [{ sampleId: 7, text: 'stop', confidence: 0.9 }]   (clip 8's 60% is too unsure)
 */
export function transcriptPrelabels(
  sampleIds: readonly number[],
  probabilities: Float32Array,
  classes: readonly string[],
  minConfidence: number,
): PredictedTranscript[] {
  const k = classes.length;
  if (probabilities.length !== sampleIds.length * k) throw new Error(`expected ${sampleIds.length} × ${k} probabilities, got ${probabilities.length}`);
  return sampleIds.flatMap((sampleId, i) => {
    let best = 0;
    for (let c = 1; c < k; c++) if (probabilities[i * k + c]! > probabilities[i * k + best]!) best = c;
    const confidence = probabilities[i * k + best]!;
    if (!(confidence >= minConfidence)) return [];
    const name = classes[best]!;
    // Float32 rounding can put a softmax output a hair over 1.
    return [{ sampleId, text: name === NO_SPEECH_CLASS ? '' : name, confidence: Math.min(1, confidence) }];
  });
}
