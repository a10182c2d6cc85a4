import { z } from 'zod';
import type { TranscriptPayload } from '../annotation/payload';
import { textOf } from '../disagreement/transcript-disagreements';
import { FULL_NORMALISATION } from '../agreement/transcript-measure';
import { normaliseText, wordErrorRate } from '../metrics/error-rate';

/**
 * What a clip classifier predicts: whether labelers gave a clip a tag (noise, accent, …), or the
 * clip's transcript itself when a project has few distinct ones (keywords, voice commands).
 */
export const clipTargetSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('tag'), tag: z.string().trim().min(1).max(200) }),
  z.object({ kind: z.literal('transcript') }),
]);
export type ClipTarget = z.infer<typeof clipTargetSchema>;

/** Past this many distinct transcripts, a clip classifier is no longer the right model. */
export const MAX_TRANSCRIPT_CLASSES = 40;

/** The class name of a clip without speech. */
export const NO_SPEECH_CLASS = '(no speech)';

export type ClipClasses = { classes: string[]; labelOf(payload: TranscriptPayload): number } | { error: string };

/**
 * The classes of a target over a dataset version's final transcripts, and each label's class:
 * `not <tag>` and `<tag>`; or the distinct normalised transcripts, most frequent first.
 * @example clipClasses({ kind: 'tag', tag: 'car noise' }, labels).classes // ['not car noise', 'car noise']
 */
export function clipClasses(target: ClipTarget, labels: readonly TranscriptPayload[]): ClipClasses {
  if (target.kind === 'tag') return { classes: [`not ${target.tag}`, target.tag], labelOf: (payload) => (payload.tags.includes(target.tag) ? 1 : 0) };
  const counts = new Map<string, number>();
  for (const name of labels.map(transcriptClass)) counts.set(name, (counts.get(name) ?? 0) + 1);
  if (counts.size > MAX_TRANSCRIPT_CLASSES)
    return {
      error: `The clips have ${counts.size} distinct transcripts: a clip classifier suits at most ${MAX_TRANSCRIPT_CLASSES} (keywords, commands). Measure a speech recognizer trained elsewhere with its predictions instead.`,
    };
  const classes = [...counts].sort((x, y) => y[1] - x[1] || (x[0] < y[0] ? -1 : 1)).map(([name]) => name);
  const index = new Map(classes.map((name, i) => [name, i]));
  return { classes, labelOf: (payload) => index.get(transcriptClass(payload)) ?? -1 };
}

/** A transcript as a class: its words after the normalisation human-level agreement uses, or {@link NO_SPEECH_CLASS}. */
export function transcriptClass(payload: TranscriptPayload): string {
  const words = payload.noSpeech ? '' : normaliseText(textOf(payload), FULL_NORMALISATION);
  return words === '' ? NO_SPEECH_CLASS : words;
}

/**
 * How right a predicted class is, 0–1: for transcripts 1 − WER of the predicted transcript against
 * the gold one (at least 0), so a near miss counts partly, as in the slice table's human-level
 * figure; for tags and box classes, 1 when it is the gold class, else 0.
 * @example predictionScore('transcript', ['turn on the lights', 'turn off the lights'], 0, 1) // 0.75
 */
export function predictionScore(kind: 'class' | 'transcript', classes: readonly string[], gold: number, predicted: number): number {
  if (gold === predicted) return 1;
  if (kind === 'class') return 0;
  const text = (i: number) => (classes[i] === NO_SPEECH_CLASS ? '' : classes[i]!);
  const wer = wordErrorRate(text(gold), text(predicted)).value;
  return wer === null ? 0 : Math.max(0, 1 - wer);
}
