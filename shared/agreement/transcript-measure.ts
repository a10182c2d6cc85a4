import type { AnnotationPayload } from '../annotation/payload';
import { characterErrorRate, normaliseText, wordErrorRate, type TextNormalisation } from '../metrics/error-rate';
import { ratio, type Measure } from './measure';
import type { TextRates, TranscriptFigure } from './types';

/** The normalisations of the `normalized` variant: everything that is only formatting. */
export const FULL_NORMALISATION: readonly TextNormalisation[] = ['nfc', 'case', 'punctuation', 'fillers', 'whitespace'];

/** One annotation's text, already normalised both ways. */
export interface PreparedText {
  raw: string;
  normalized: string;
}

// Count vector: for raw then normalized text, 2·word edits, words_a + words_b, 2·char edits, chars_a + chars_b.
const RAW = 0;
const NORMALIZED = 4;

/**
 * Transcript measure: symmetric pooled WER and CER (see {@link TextRates}). Texts are normalised
 * once per annotation, then compared with `wordErrorRate` / `characterErrorRate` as they are.
 */
export class TranscriptMeasure implements Measure<PreparedText, TranscriptFigure> {
  readonly width = 8;
  readonly sampleScore = 'mean';

  constructor(private readonly rawNormalisation: readonly TextNormalisation[]) {}

  prepare(payload: AnnotationPayload): PreparedText {
    if (payload.kind !== 'transcript') throw new Error(`expected a transcript payload, got ${payload.kind}`);
    const text = payload.noSpeech
      ? ''
      : [...payload.segments]
          .sort((x, y) => x.startMs - y.startMs)
          .map((segment) => segment.text)
          .join(' ');
    return { raw: normaliseText(text, this.rawNormalisation), normalized: normaliseText(text, FULL_NORMALISATION) };
  }

  compare(a: PreparedText, b: PreparedText, out: Float64Array, offset: number): void {
    writeRates(a.raw, b.raw, out, offset + RAW);
    writeRates(a.normalized, b.normalized, out, offset + NORMALIZED);
  }

  score(counts: Float64Array, offset: number): number {
    const words = counts[offset + RAW + 1]!;
    return words === 0 ? 0 : Math.min(1, counts[offset + RAW]! / words);
  }

  figure(counts: Float64Array, comparisons: number, samples: number): TranscriptFigure {
    const raw = rates(counts, RAW);
    return { kind: 'transcript', value: raw.agreement, comparisons, samples, raw, normalized: rates(counts, NORMALIZED) };
  }
}

/** Identical texts (common once normalised) skip the alignment: 0 edits, lengths counted directly. */
function writeRates(a: string, b: string, out: Float64Array, offset: number): void {
  if (a === b) {
    out[offset] = 0;
    out[offset + 1] = 2 * wordErrorRate(a, '').refLength;
    out[offset + 2] = 0;
    out[offset + 3] = 2 * Array.from(a).length;
    return;
  }
  const words = wordErrorRate(a, b);
  const characters = characterErrorRate(a, b);
  out[offset] = 2 * edits(words);
  out[offset + 1] = words.refLength + hypothesisLength(words);
  out[offset + 2] = 2 * edits(characters);
  out[offset + 3] = characters.refLength + hypothesisLength(characters);
}

interface Alignment {
  substitutions: number;
  insertions: number;
  deletions: number;
  hits: number;
}

function edits(alignment: Alignment): number {
  return alignment.substitutions + alignment.insertions + alignment.deletions;
}

/** Every hypothesis token is a hit, a substitution or an insertion. */
function hypothesisLength(alignment: Alignment): number {
  return alignment.hits + alignment.substitutions + alignment.insertions;
}

function rates(counts: Float64Array, offset: number): TextRates {
  const wer = ratio(counts[offset]!, counts[offset + 1]!);
  return { wer, cer: ratio(counts[offset + 2]!, counts[offset + 3]!), agreement: wer === null ? null : Math.max(0, 1 - wer) };
}
