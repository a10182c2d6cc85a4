import type { AnnotationPayload } from '../annotation/payload';
import { codePoints, normaliseText, wordIds, words, type TextNormalisation } from '../metrics/error-rate';
import { editCounts } from '../metrics/levenshtein';
import { ratio, type Measure } from './measure';
import type { TextRates, TranscriptFigure } from './types';

/** The normalisations of the `normalized` variant: everything that is only formatting. */
export const FULL_NORMALISATION: readonly TextNormalisation[] = ['nfc', 'case', 'punctuation', 'fillers', 'whitespace'];

/** One variant of an annotation's text, tokenised once for every comparison it takes part in. */
interface Tokens {
  text: string;
  words: Int32Array;
  characters: Int32Array;
}

/** One annotation's text, already normalised both ways. */
export interface PreparedText {
  raw: Tokens;
  normalized: Tokens;
}

// Count vector: for raw then normalized text, 2·word edits, words_a + words_b, 2·char edits, chars_a + chars_b.
const RAW = 0;
const NORMALIZED = 4;

/**
 * Transcript measure: symmetric pooled WER and CER (see {@link TextRates}). Texts are normalised
 * and tokenised once per annotation (words interned in one vocabulary), then compared by edit
 * counts alone: aggregation never needs the alignment.
 */
export class TranscriptMeasure implements Measure<PreparedText, TranscriptFigure> {
  readonly width = 8;
  readonly sampleScore = 'mean';
  private readonly vocabulary = new Map<string, number>();

  constructor(private readonly rawNormalisation: readonly TextNormalisation[]) {}

  prepare(payload: AnnotationPayload): PreparedText {
    if (payload.kind !== 'transcript') throw new Error(`expected a transcript payload, got ${payload.kind}`);
    const text = payload.noSpeech
      ? ''
      : [...payload.segments]
          .sort((x, y) => x.startMs - y.startMs)
          .map((segment) => segment.text)
          .join(' ');
    return { raw: this.tokens(normaliseText(text, this.rawNormalisation)), normalized: this.tokens(normaliseText(text, FULL_NORMALISATION)) };
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

  private tokens(text: string): Tokens {
    return { text, words: wordIds(words(text), this.vocabulary), characters: codePoints(text) };
  }
}

/** Identical texts (common once normalised) skip the alignment. */
function writeRates(a: Tokens, b: Tokens, out: Float64Array, offset: number): void {
  out[offset + 1] = a.words.length + b.words.length;
  out[offset + 3] = a.characters.length + b.characters.length;
  if (a.text === b.text) {
    out[offset] = 0;
    out[offset + 2] = 0;
    return;
  }
  out[offset] = 2 * edits(editCounts(a.words, b.words));
  out[offset + 2] = 2 * edits(editCounts(a.characters, b.characters));
}

function edits(counts: { substitutions: number; insertions: number; deletions: number }): number {
  return counts.substitutions + counts.insertions + counts.deletions;
}

function rates(counts: Float64Array, offset: number): TextRates {
  const wer = ratio(counts[offset]!, counts[offset + 1]!);
  return { wer, cer: ratio(counts[offset + 2]!, counts[offset + 3]!), agreement: wer === null ? null : Math.max(0, 1 - wer) };
}
