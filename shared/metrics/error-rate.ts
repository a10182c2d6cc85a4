import { editCounts, levenshtein, type EditCounts, type LevenshteinResult } from './levenshtein';

/**
 * Word and character error rates of a transcript (hypothesis) against a reference:
 * (substitutions + insertions + deletions) / reference length, by Levenshtein alignment.
 */

/**
 * Text normalisations applied to both sides before tokenising, always in this order:
 * - `nfc`: Unicode NFC, so composed and decomposed accents compare equal;
 * - `case`: lower case (locale-independent `toLowerCase`);
 * - `fillers`: removes the hesitation words {@link FILLER_WORDS} as whole words, any case;
 * - `punctuation`: removes every Unicode punctuation character (`\p{P}`): "today's" → "todays";
 * - `whitespace`: trims and collapses runs of whitespace to one space (matters for CER; words
 *   are always split on whitespace).
 */
export type TextNormalisation = 'nfc' | 'case' | 'punctuation' | 'fillers' | 'whitespace';

export interface ErrorRateOptions {
  normalise?: readonly TextNormalisation[];
}

/** Hesitations that `fillers` removes. */
export const FILLER_WORDS: readonly string[] = ['um', 'uh', 'erm', 'er', 'hmm', 'mm', 'ah'];

export interface ErrorRateResult extends LevenshteinResult {
  /**
   * Edits / reference length. For an empty reference: 0 if the hypothesis is empty too, else
   * `null` (every hypothesis token is an insertion against nothing; the rate is unbounded).
   */
  value: number | null;
}

export interface CorpusErrorRate {
  /** Total edits / total reference length over all pairs; `null` under the same rule as one pair. */
  value: number | null;
  substitutions: number;
  insertions: number;
  deletions: number;
  hits: number;
  refLength: number;
  /** Per pair, in input order (counts only: {@link wordErrorRate} gives one pair's alignment). */
  pairs: (EditCounts & { value: number | null })[];
}

const FILLER_PATTERN = new RegExp(`(?<![\\p{L}\\p{N}\\p{M}'’])(?:${FILLER_WORDS.join('|')})(?![\\p{L}\\p{N}\\p{M}'’])`, 'giu');
const PUNCTUATION = /\p{P}/gu;

/**
 * Applies `steps` (in the fixed order documented on {@link TextNormalisation}).
 * @example normaliseText('Um, today’s  weather', ['case', 'fillers', 'punctuation', 'whitespace']) // 'todays weather'
 */
export function normaliseText(text: string, steps: readonly TextNormalisation[] = []): string {
  let out = text;
  if (steps.includes('nfc')) out = out.normalize('NFC');
  if (steps.includes('case')) out = out.toLowerCase();
  if (steps.includes('fillers')) out = out.replace(FILLER_PATTERN, '');
  if (steps.includes('punctuation')) out = out.replace(PUNCTUATION, '');
  if (steps.includes('whitespace')) out = collapseWhitespace(out);
  return out;
}

/**
 * Word error rate: words are the whitespace-separated tokens after normalisation.
 * @example wordErrorRate('the cat sat', 'the cat sat down').value // 1 insertion / 3 words = 1/3
 */
export function wordErrorRate(ref: string, hyp: string, options: ErrorRateOptions = {}): ErrorRateResult {
  return rate(levenshtein(words(ref, options), words(hyp, options)));
}

/**
 * Character error rate over Unicode code points after normalisation, spaces included (use the
 * `whitespace` normalisation to ignore differences in spacing runs and at the ends).
 * @example characterErrorRate('kitten', 'sitting').value // 2 substitutions + 1 insertion / 6 = 0.5
 */
export function characterErrorRate(ref: string, hyp: string, options: ErrorRateOptions = {}): ErrorRateResult {
  return rate(levenshtein(characters(ref, options), characters(hyp, options)));
}

/**
 * Corpus error rate: total edits over total reference length (not the mean of per-pair rates,
 * which would let short segments weigh as much as long ones).
 * @example corpusErrorRate([['a b', 'a b'], ['c d', 'c']], 'word').value // 1 deletion / 4 words = 0.25
 */
export function corpusErrorRate(
  pairs: readonly (readonly [ref: string, hyp: string])[],
  unit: 'word' | 'character',
  options: ErrorRateOptions = {},
): CorpusErrorRate {
  const vocabulary = new Map<string, number>();
  const tokens = (text: string): ArrayLike<number> =>
    unit === 'word' ? wordIds(words(text, options), vocabulary) : codePoints(normaliseText(text, options.normalise));
  const results = pairs.map(([ref, hyp]) => {
    const counts = editCounts(tokens(ref), tokens(hyp));
    return { ...counts, value: ratio(editsOf(counts), counts.refLength) };
  });
  const totals = { substitutions: 0, insertions: 0, deletions: 0, hits: 0, refLength: 0 };
  for (const result of results) {
    totals.substitutions += result.substitutions;
    totals.insertions += result.insertions;
    totals.deletions += result.deletions;
    totals.hits += result.hits;
    totals.refLength += result.refLength;
  }
  return { value: ratio(editsOf(totals), totals.refLength), ...totals, pairs: results };
}

/**
 * Words as ids from `vocabulary` (which grows with new words), for {@link editCounts}: the same
 * vocabulary must serve both sides of a comparison.
 */
export function wordIds(tokens: readonly string[], vocabulary: Map<string, number>): Int32Array {
  const ids = new Int32Array(tokens.length);
  for (let index = 0; index < tokens.length; index++) {
    const token = tokens[index]!;
    let id = vocabulary.get(token);
    if (id === undefined) vocabulary.set(token, (id = vocabulary.size));
    ids[index] = id;
  }
  return ids;
}

/** Unicode code points of `text`, for {@link editCounts} over characters (a lone surrogate counts as one). */
export function codePoints(text: string): number[] {
  // A plain array: small typed arrays each take a buffer of their own, which the collector pays for.
  const points: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    const next = isHighSurrogate(unit) && i + 1 < text.length ? text.charCodeAt(i + 1) : 0;
    if (isLowSurrogate(next)) {
      points.push((unit - 0xd800) * 0x400 + (next - 0xdc00) + 0x10000);
      i++;
    } else points.push(unit);
  }
  return points;
}

/** How many code points {@link codePoints} gives, without making them. */
export function codePointCount(text: string): number {
  let pairs = 0;
  for (let i = 0; i + 1 < text.length; i++) {
    if (isHighSurrogate(text.charCodeAt(i)) && isLowSurrogate(text.charCodeAt(i + 1))) {
      pairs++;
      i++;
    }
  }
  return text.length - pairs;
}

/** How many words {@link words} gives for `text` with no normalisation, without making them. */
export function wordCount(text: string): number {
  let count = 0;
  let inWord = false;
  for (let i = 0; i < text.length; i++) {
    const space = isWhitespace(text.charCodeAt(i));
    if (!space && !inWord) count++;
    inWord = !space;
  }
  return count;
}

/** JavaScript's `\s`: WhiteSpace and LineTerminator (no whitespace lies outside the BMP). */
function isWhitespace(unit: number): boolean {
  if (unit <= 0x20) return unit === 0x20 || (unit >= 0x09 && unit <= 0x0d);
  if (unit < 0xa0) return false;
  return (
    unit === 0xa0 ||
    unit === 0x1680 ||
    (unit >= 0x2000 && unit <= 0x200a) ||
    unit === 0x2028 ||
    unit === 0x2029 ||
    unit === 0x202f ||
    unit === 0x205f ||
    unit === 0x3000 ||
    unit === 0xfeff
  );
}

function isHighSurrogate(unit: number): boolean {
  return unit >= 0xd800 && unit <= 0xdbff;
}

function isLowSurrogate(unit: number): boolean {
  return unit >= 0xdc00 && unit <= 0xdfff;
}

/** The whitespace-separated words of `text` after normalisation. */
export function words(text: string, options: ErrorRateOptions = {}): string[] {
  return splitWords(normaliseText(text, options.normalise));
}

/**
 * What `text.split(/\s+/u)` gives without its empty first and last pieces, in one pass over the
 * text: every answer of a project is tokenised for its agreement, and the regular expression and
 * the filter after it were most of that.
 */
function splitWords(text: string): string[] {
  const found: string[] = [];
  let start = -1;
  for (let i = 0; i < text.length; i++) {
    if (!isWhitespace(text.charCodeAt(i))) {
      if (start < 0) start = i;
    } else if (start >= 0) {
      found.push(text.slice(start, i));
      start = -1;
    }
  }
  if (start >= 0) found.push(text.slice(start));
  return found;
}

/**
 * What `text.replace(/\s+/gu, ' ').trim()` gives (`trim` removes the same characters as `\s`):
 * the text itself when its words are already one space apart with none at the ends, as most are.
 */
function collapseWhitespace(text: string): string {
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    if (!isWhitespace(unit)) continue;
    const single = unit === 0x20 && i > 0 && i + 1 < text.length && !isWhitespace(text.charCodeAt(i + 1));
    if (!single) return splitWords(text).join(' ');
  }
  return text;
}

function characters(text: string, options: ErrorRateOptions): string[] {
  return Array.from(normaliseText(text, options.normalise));
}

function rate(alignment: LevenshteinResult): ErrorRateResult {
  return { ...alignment, value: ratio(editsOf(alignment), alignment.refLength) };
}

function editsOf(counts: Omit<EditCounts, 'hits' | 'refLength'>): number {
  return counts.substitutions + counts.insertions + counts.deletions;
}

function ratio(edits: number, refLength: number): number | null {
  if (refLength === 0) return edits === 0 ? 0 : null;
  return edits / refLength;
}
