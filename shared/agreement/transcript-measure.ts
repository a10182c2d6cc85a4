import type { AnnotationPayload } from '../annotation/payload';
import { codePointCount, codePoints, normaliseText, wordCount, wordIds, words, type TextNormalisation } from '../metrics/error-rate';
import { editDistance } from '../metrics/levenshtein';
import { ratio, type Measure } from './measure';
import type { TextRates, TranscriptFigure } from './types';

/** The normalisations of the `normalized` variant: everything that is only formatting. */
export const FULL_NORMALISATION: readonly TextNormalisation[] = ['nfc', 'case', 'punctuation', 'fillers', 'whitespace'];

/**
 * One variant of an annotation's text with its word and character counts. Its tokens are made
 * only when a comparison needs them: most pairs of a project are identical texts, which take
 * their counts alone, and tokens made once serve every comparison the annotation takes part in.
 */
class Tokens {
  readonly wordCount: number;
  readonly characterCount: number;
  private wordIds: Int32Array | null = null;
  private characterCodes: number[] | null = null;

  constructor(
    readonly text: string,
    private readonly vocabulary: Map<string, number>,
  ) {
    this.wordCount = wordCount(text);
    this.characterCount = codePointCount(text);
  }

  /** The words as ids of the measure's one vocabulary, so both sides of a comparison share it. */
  get words(): Int32Array {
    return (this.wordIds ??= wordIds(words(this.text), this.vocabulary));
  }

  get characters(): number[] {
    return (this.characterCodes ??= codePoints(this.text));
  }
}

/** One annotation's text, already normalised both ways, and where its segments start and end. */
export interface PreparedText {
  raw: Tokens;
  normalized: Tokens;
  /** Sorted segment starts and ends in ms (shared ends counted once); `null` unless split into segments. */
  boundaries: Float64Array | null;
}

/** How many of the last prepared texts are looked at for the one being prepared: a sample's answers, a few labelers. */
const RECENT_TEXTS = 4;

// Count vector: for raw then normalized text, 2·word edits, words_a + words_b, 2·char edits,
// chars_a + chars_b; then Σ boundary distances (ms) and the number of boundaries measured.
const RAW = 0;
const NORMALIZED = 4;
const BOUNDARY_SUM = 8;
const BOUNDARY_COUNT = 9;

/**
 * Transcript measure: symmetric pooled WER and CER (see {@link TextRates}). Texts are normalised
 * once per annotation and tokenised at most once (words interned in one vocabulary), then
 * compared by edit counts alone: aggregation never needs the alignment.
 */
export class TranscriptMeasure implements Measure<PreparedText, TranscriptFigure> {
  readonly width = 10;
  readonly sampleScore = 'mean';
  private readonly vocabulary = new Map<string, number>();
  /**
   * The texts prepared last, with their tokens: labelers of one sample often write the same text,
   * and a sample's answers are prepared one after another, so the few last are looked at. Tokens
   * depend on their text alone (and the one vocabulary), so sharing them changes no count.
   */
  private readonly recent: Array<{ text: string; raw: Tokens; normalized: Tokens }> = [];
  private recentNext = 0;

  constructor(private readonly rawNormalisation: readonly TextNormalisation[]) {}

  prepare(payload: AnnotationPayload): PreparedText {
    if (payload.kind !== 'transcript') throw new Error(`expected a transcript payload, got ${payload.kind}`);
    const { raw, normalized } = this.tokensOf(payload.noSpeech ? '' : spokenText(payload.segments));
    return {
      raw,
      normalized,
      boundaries: payload.mode === 'segments' && !payload.noSpeech && payload.segments.length > 0 ? boundariesOf(payload.segments) : null,
    };
  }

  compare(a: PreparedText, b: PreparedText, out: Float64Array, offset: number): void {
    writeRates(a.raw, b.raw, out, offset + RAW);
    writeRates(a.normalized, b.normalized, out, offset + NORMALIZED);
    out[offset + BOUNDARY_SUM] = 0;
    out[offset + BOUNDARY_COUNT] = 0;
    if (a.boundaries && b.boundaries) {
      out[offset + BOUNDARY_SUM] = nearestDistanceSum(a.boundaries, b.boundaries) + nearestDistanceSum(b.boundaries, a.boundaries);
      out[offset + BOUNDARY_COUNT] = a.boundaries.length + b.boundaries.length;
    }
  }

  score(counts: Float64Array, offset: number): number {
    const words = counts[offset + RAW + 1]!;
    return words === 0 ? 0 : Math.min(1, counts[offset + RAW]! / words);
  }

  figure(counts: Float64Array, comparisons: number, samples: number): TranscriptFigure {
    const raw = rates(counts, RAW);
    return {
      kind: 'transcript',
      value: raw.agreement,
      comparisons,
      samples,
      raw,
      normalized: rates(counts, NORMALIZED),
      boundaryMs: ratio(counts[BOUNDARY_SUM]!, counts[BOUNDARY_COUNT]!),
    };
  }

  /** `text`'s raw and normalised tokens: those of a text among the {@link recent} ones, or made (and kept among them). */
  private tokensOf(text: string): { raw: Tokens; normalized: Tokens } {
    for (const kept of this.recent) if (kept.text === text) return kept;
    const made = {
      text,
      raw: new Tokens(normaliseText(text, this.rawNormalisation), this.vocabulary),
      normalized: new Tokens(normaliseText(text, FULL_NORMALISATION), this.vocabulary),
    };
    this.recent[this.recentNext] = made;
    this.recentNext = (this.recentNext + 1) % RECENT_TEXTS;
    return made;
  }
}

/** Identical texts (common once normalised) skip the alignment. */
function writeRates(a: Tokens, b: Tokens, out: Float64Array, offset: number): void {
  out[offset + 1] = a.wordCount + b.wordCount;
  out[offset + 3] = a.characterCount + b.characterCount;
  if (a.text === b.text) {
    out[offset] = 0;
    out[offset + 2] = 0;
    return;
  }
  out[offset] = 2 * editDistance(a.words, b.words);
  out[offset + 2] = 2 * editDistance(a.characters, b.characters);
}

function rates(counts: Float64Array, offset: number): TextRates {
  const wer = ratio(counts[offset]!, counts[offset + 1]!);
  return { wer, cer: ratio(counts[offset + 2]!, counts[offset + 3]!), agreement: wer === null ? null : Math.max(0, 1 - wer) };
}

/** The segments' texts in time order, one space apart (a clip's one segment is its text as it is). */
function spokenText(segments: readonly { startMs: number; text: string }[]): string {
  if (segments.length === 1) return segments[0]!.text;
  return [...segments]
    .sort((x, y) => x.startMs - y.startMs)
    .map((segment) => segment.text)
    .join(' ');
}

function boundariesOf(segments: readonly { startMs: number; endMs: number }[]): Float64Array {
  const times = [...new Set(segments.flatMap((segment) => [segment.startMs, segment.endMs]))];
  return Float64Array.from(times).sort();
}

/** Σ over `from` of the distance to the nearest time in `to` (both sorted): one merge-like pass. */
function nearestDistanceSum(from: Float64Array, to: Float64Array): number {
  let sum = 0;
  let j = 0;
  for (const time of from) {
    while (j + 1 < to.length && to[j + 1]! <= time) j++;
    const below = Math.abs(time - to[j]!);
    const above = j + 1 < to.length ? Math.abs(to[j + 1]! - time) : Infinity;
    sum += Math.min(below, above);
  }
  return sum;
}
