import type { Segment, TranscriptPayload } from '../annotation/payload';
import { FILLER_WORDS } from '../metrics/error-rate';
import { editCounts, levenshtein, type AlignmentStep } from '../metrics/levenshtein';
import { isNumeral, numberValue } from './number-words';
import type { Disagreement } from './types';

export interface TranscriptTaxonomyOptions {
  /** Segment starts or ends further apart than this are a boundary shift; default 200 ms. */
  boundaryMs?: number;
}

export interface LabeledTranscript {
  labelerId: number;
  payload: TranscriptPayload;
}

/** A word as written, and the key it is aligned by: lower case, punctuation removed. */
export interface Word {
  raw: string;
  key: string;
}

const FILLERS = new Set(FILLER_WORDS);

/**
 * The disagreements between two labelers' transcripts of one clip (`a` the lower labeler id).
 * Words are aligned by Levenshtein on their keys (case and punctuation folded), so "Today's"
 * lines up with "today's" and the difference reads as casing, not as a different word. Each run
 * of differing words is then explained: the same number in digits and in words, fillers added
 * or dropped, a near spelling, a different word, or words missing on one side. Segments are
 * compared in time when both labelers split the clip: boundary shifts and one-vs-two segments.
 * @example transcriptDisagreements(ana('um, today's weather'), ben("today's weather"))[0].type // 'filler'
 */
export function transcriptDisagreements(a: LabeledTranscript, b: LabeledTranscript, options: TranscriptTaxonomyOptions = {}): Disagreement[] {
  const out: Disagreement[] = [];
  const make = (type: Disagreement['type'], textA: string, textB: string, position: number, detail: string): Disagreement => ({
    type,
    labelerA: a.labelerId,
    labelerB: b.labelerId,
    boxesA: [],
    boxesB: [],
    textA,
    textB,
    position,
    detail,
  });

  if (a.payload.noSpeech !== b.payload.noSpeech) {
    out.push(
      make('flag_mismatch', a.payload.noSpeech ? 'no speech' : textOf(a.payload), b.payload.noSpeech ? 'no speech' : textOf(b.payload), -1, 'no speech'),
    );
    return out;
  }
  if (a.payload.flags.unsure !== b.payload.flags.unsure) {
    out.push(make('flag_mismatch', a.payload.flags.unsure ? 'unsure' : '', b.payload.flags.unsure ? 'unsure' : '', -1, 'unsure'));
  }

  const wordsA = wordsOf(textOf(a.payload));
  const wordsB = wordsOf(textOf(b.payload));
  const steps = alignWords(wordsA, wordsB);
  let run: AlignedStep[] = [];
  const flush = () => {
    if (run.length > 0) out.push(...explainRun(run, make));
    run = [];
  };
  steps.forEach((step) => {
    if (step.op !== 'match') {
      run.push(step);
      return;
    }
    flush();
    const { a: wordA, b: wordB } = step;
    if (wordA!.raw === wordB!.raw) return;
    if (wordA!.key.startsWith('#') && isNumeral([wordA!.raw]) !== isNumeral([wordB!.raw])) {
      out.push(make('numerals', wordA!.raw, wordB!.raw, step.position, `both mean ${wordA!.key.slice(1)}`));
      return;
    }
    // The keys match, so only case, punctuation or both can differ.
    const caseOnly = wordA!.raw.toLowerCase() === wordB!.raw.toLowerCase();
    const punctuationOnly = stripPunctuation(wordA!.raw) === stripPunctuation(wordB!.raw);
    if (!caseOnly) out.push(make('punctuation', wordA!.raw, wordB!.raw, step.position, 'the same word, punctuated differently'));
    if (!punctuationOnly) out.push(make('casing', wordA!.raw, wordB!.raw, step.position, 'the same word in another case'));
  });
  flush();

  if (a.payload.mode === 'segments' && b.payload.mode === 'segments' && !a.payload.noSpeech) {
    out.push(...segmentDisagreements(a.payload.segments, b.payload.segments, options.boundaryMs ?? 200, make));
  }
  return out;
}

/** The word alignment of two transcripts, as the taxonomy sees it (for an aligned diff). */
export function alignTranscripts(a: TranscriptPayload, b: TranscriptPayload): AlignedStep[] {
  return alignWords(wordsOf(textOf(a)), wordsOf(textOf(b)));
}

/** The clip's text: segments in time order, joined by spaces. */
export function textOf(payload: TranscriptPayload): string {
  return [...payload.segments]
    .sort((x, y) => x.startMs - y.startMs)
    .map((segment) => segment.text)
    .join(' ');
}

/** The longest run of words read as one spoken number ("one hundred and five"). */
const MAX_NUMBER_WORDS = 8;

/**
 * The words of a text, with each number, in digits or in words, as one word keyed by its value:
 * "twenty one" lines up with "21" however many words it takes, and the difference reads as
 * numerals, beside whatever else differs around it.
 */
function wordsOf(text: string): Word[] {
  const raws = text.split(/\s+/u).filter((raw) => raw.length > 0);
  const words: Word[] = [];
  for (let i = 0; i < raws.length;) {
    let length = Math.min(MAX_NUMBER_WORDS, raws.length - i);
    while (length > 0 && numberValue(raws.slice(i, i + length)) === null) length--;
    if (length === 0) {
      words.push({ raw: raws[i]!, key: stripPunctuation(raws[i]!).toLowerCase() || raws[i]! });
      i++;
    } else {
      words.push({ raw: raws.slice(i, i + length).join(' '), key: `#${numberValue(raws.slice(i, i + length))}` });
      i += length;
    }
  }
  return words;
}

/** A "word" that is only punctuation: a dash or comma typed apart. */
function isPunctuationMark(raw: string): boolean {
  return stripPunctuation(raw) === '';
}

function stripPunctuation(word: string): string {
  return word.replace(/\p{P}/gu, '');
}

export interface AlignedStep {
  op: AlignmentStep['op'];
  a?: Word;
  b?: Word;
  /** Index of the step in the alignment. */
  position: number;
}

/** Word alignment of A to B by their keys, keeping the words as written. */
export function alignWords(wordsA: readonly Word[], wordsB: readonly Word[]): AlignedStep[] {
  const alignment = levenshtein(
    wordsA.map((w) => w.key),
    wordsB.map((w) => w.key),
  ).alignment;
  let i = 0;
  let j = 0;
  return alignment.map((step, position) => {
    const aligned: AlignedStep = { op: step.op, position };
    if (step.op !== 'ins') aligned.a = wordsA[i++];
    if (step.op !== 'del') aligned.b = wordsB[j++];
    return aligned;
  });
}

type Make = (type: Disagreement['type'], textA: string, textB: string, position: number, detail: string) => Disagreement;

/** Explains one run of consecutive non-matching steps. */
function explainRun(run: readonly AlignedStep[], make: Make): Disagreement[] {
  const position = run[0]!.position;
  const out: Disagreement[] = [];
  let missingA: string[] = [];
  let missingB: string[] = [];
  let missingAt = position;
  const flushMissing = () => {
    if (missingA.length + missingB.length > 0)
      out.push(make('missing_words', missingA.join(' '), missingB.join(' '), missingAt, 'words only one labeler wrote'));
    missingA = [];
    missingB = [];
  };
  for (const step of run) {
    const key = step.a?.key ?? step.b!.key;
    if (step.op === 'sub') {
      flushMissing();
      const { a: wordA, b: wordB } = step as Required<AlignedStep>;
      if (FILLERS.has(wordA.key) && FILLERS.has(wordB.key)) out.push(make('filler', wordA.raw, wordB.raw, step.position, 'different hesitations'));
      else if (FILLERS.has(wordA.key) || FILLERS.has(wordB.key)) {
        // "um weather" against "the weather": a hesitation on one side, a word missing on the other.
        const [filler, word] = FILLERS.has(wordA.key) ? [wordA, wordB] : [wordB, wordA];
        out.push(make('filler', filler === wordA ? filler.raw : '', filler === wordB ? filler.raw : '', step.position, 'a hesitation one labeler left out'));
        out.push(make('missing_words', word === wordA ? word.raw : '', word === wordB ? word.raw : '', step.position, 'words only one labeler wrote'));
      } else if (isPunctuationMark(wordA.raw) && isPunctuationMark(wordB.raw))
        out.push(make('punctuation', wordA.raw, wordB.raw, step.position, 'different punctuation'));
      else if (isSpellingVariant(wordA.key, wordB.key)) out.push(make('spelling', wordA.raw, wordB.raw, step.position, 'nearly the same word'));
      else out.push(make('substitution', wordA.raw, wordB.raw, step.position, 'a different word'));
    } else if (FILLERS.has(key)) {
      flushMissing();
      out.push(make('filler', step.a?.raw ?? '', step.b?.raw ?? '', step.position, 'a hesitation one labeler left out'));
    } else if (isPunctuationMark((step.a ?? step.b)!.raw)) {
      flushMissing();
      out.push(make('punctuation', step.a?.raw ?? '', step.b?.raw ?? '', step.position, 'punctuation one labeler left out'));
    } else {
      if (missingA.length + missingB.length === 0) missingAt = step.position;
      if (step.a) missingA.push(step.a.raw);
      else missingB.push(step.b!.raw);
    }
  }
  flushMissing();
  return out;
}

/** Spelling variants: words of four or more letters at most two edits apart, and not far in length. */
function isSpellingVariant(x: string, y: string): boolean {
  if (Math.min(x.length, y.length) < 4) return false;
  const counts = editCounts(
    Array.from(x, (c) => c.codePointAt(0)!),
    Array.from(y, (c) => c.codePointAt(0)!),
  );
  const edits = counts.substitutions + counts.insertions + counts.deletions;
  return edits <= Math.min(2, Math.floor(Math.max(x.length, y.length) / 3));
}

function segmentDisagreements(segmentsA: readonly Segment[], segmentsB: readonly Segment[], boundaryMs: number, make: Make): Disagreement[] {
  const out: Disagreement[] = [];
  const inSegmentation = { a: new Set<string>(), b: new Set<string>() };
  for (const [ones, others, oneSide] of [
    [segmentsA, segmentsB, 'a'],
    [segmentsB, segmentsA, 'b'],
  ] as const) {
    for (const one of ones) {
      const parts = others.filter((other) => overlap(one, other) >= 0.5 * (other.endMs - other.startMs));
      if (parts.length < 2) continue;
      inSegmentation[oneSide].add(one.id);
      for (const part of parts) inSegmentation[oneSide === 'a' ? 'b' : 'a'].add(part.id);
      const partsText = parts.map((part) => part.text).join(' | ');
      const detail = `1 segment against ${parts.length} (${seconds(one.startMs)}–${seconds(one.endMs)})`;
      out.push(oneSide === 'a' ? make('segmentation', one.text, partsText, -1, detail) : make('segmentation', partsText, one.text, -1, detail));
    }
  }
  for (const segmentA of segmentsA) {
    if (inSegmentation.a.has(segmentA.id)) continue;
    const segmentB = segmentsB.find((candidate) => !inSegmentation.b.has(candidate.id) && timeIoU(segmentA, candidate) >= 0.5);
    if (!segmentB) continue;
    const startShift = segmentB.startMs - segmentA.startMs;
    const endShift = segmentB.endMs - segmentA.endMs;
    if (Math.abs(startShift) <= boundaryMs && Math.abs(endShift) <= boundaryMs) continue;
    const parts = [
      Math.abs(startShift) > boundaryMs ? `start ${Math.abs(startShift)} ms apart` : '',
      Math.abs(endShift) > boundaryMs ? `end ${Math.abs(endShift)} ms apart` : '',
    ];
    out.push(make('boundary_shift', segmentA.text, segmentB.text, -1, parts.filter(Boolean).join(', ')));
  }
  return out;
}

function overlap(x: Segment, y: Segment): number {
  return Math.max(0, Math.min(x.endMs, y.endMs) - Math.max(x.startMs, y.startMs));
}

function timeIoU(x: Segment, y: Segment): number {
  const shared = overlap(x, y);
  return shared / (x.endMs - x.startMs + (y.endMs - y.startMs) - shared);
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(2)} s`;
}
