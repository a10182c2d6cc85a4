import { describe, expect, it } from 'vitest';
import type { TranscriptPayload } from '../../../shared/annotation/payload';
import { numberValue } from '../../../shared/disagreement/number-words';
import { transcriptDisagreements } from '../../../shared/disagreement/transcript-disagreements';

const NO_FLAGS = { unsure: false, comment: '', mediaBroken: false };
const clip = (labelerId: number, text: string, extra: Partial<TranscriptPayload> = {}) => ({
  labelerId,
  payload: {
    v: 1 as const,
    kind: 'transcript' as const,
    mode: 'clip' as const,
    segments: [{ id: 's', startMs: 0, endMs: 3000, text }],
    noSpeech: false,
    flags: NO_FLAGS,
    tags: [],
    ...extra,
  },
});
const segmented = (labelerId: number, segments: [number, number, string][]) => ({
  labelerId,
  payload: {
    v: 1 as const,
    kind: 'transcript' as const,
    mode: 'segments' as const,
    segments: segments.map(([startMs, endMs, text], i) => ({ id: `s${i}`, startMs, endMs, text })),
    noSpeech: false,
    flags: NO_FLAGS,
    tags: [],
  },
});
const summary = (a: string, b: string) => transcriptDisagreements(clip(1, a), clip(2, b)).map((d) => [d.type, d.textA, d.textB]);

describe('transcript disagreements', () => {
  it('reads "um, today\'s weather" against "today\'s weather" as a filler (and casing), not a different word', () => {
    expect(summary("um, today's weather", "Today's weather")).toEqual([
      ['filler', 'um,', ''],
      ['casing', "today's", "Today's"],
    ]);
  });

  it('separates punctuation-only and casing-only differences', () => {
    expect(summary('turn it off.', 'turn it off')).toEqual([['punctuation', 'off.', 'off']]);
    expect(summary('Turn it off', 'turn it off')).toEqual([['casing', 'Turn', 'turn']]);
    expect(summary('Off.', 'off')).toEqual([
      ['punctuation', 'Off.', 'off'],
      ['casing', 'Off.', 'off'],
    ]);
  });

  it('recognises numerals against number words, over several words', () => {
    expect(summary('set a timer for 10 minutes', 'set a timer for ten minutes')).toEqual([['numerals', '10', 'ten']]);
    expect(summary('it is 21 now', 'it is twenty one now')).toEqual([['numerals', '21', 'twenty one']]);
  });

  it('finds the number inside a longer difference: a filler before it, or another word after it', () => {
    expect(summary('um twenty one people', '21 people')).toEqual([
      ['filler', 'um', ''],
      ['numerals', 'twenty one', '21'],
    ]);
    const [numerals, ...rest] = summary('call me at 5 pm sharp', 'call me at five exactly');
    expect(numerals).toEqual(['numerals', '5', 'five']);
    // Which of "pm sharp" is the missing word and which the substitute is the alignment's choice.
    expect(rest.map(([type]) => type).sort()).toEqual(['missing_words', 'substitution']);
  });

  it('reads numbers said in a row as separate numbers, and a different number as a different word', () => {
    // "one one" is two ones, not 2: against "1 1" it is numerals twice; against "2" it differs.
    expect(summary('press one one', 'press 1 1')).toEqual([
      ['numerals', 'one', '1'],
      ['numerals', 'one', '1'],
    ]);
    expect(summary('press one one', 'press 2').map(([type]) => type)).not.toContain('numerals');
  });

  it('tells spelling variants from different words and missing words', () => {
    expect(summary('the colour red', 'the color red')).toEqual([['spelling', 'colour', 'color']]);
    expect(summary('turn on the lights', 'turn off the lights')).toEqual([['substitution', 'on', 'off']]);
    expect(summary('set a timer for ten minutes', 'set a timer')).toEqual([['missing_words', 'for ten minutes', '']]);
  });

  it('calls one punctuation mark against another punctuation, not a different word', () => {
    expect(summary('well - no', 'well , no')).toEqual([['punctuation', '-', ',']]);
  });

  it('finds nothing between identical transcripts, or two empty ones', () => {
    expect(summary('the same words', 'the same words')).toEqual([]);
    expect(summary('', '')).toEqual([]);
  });

  it('reports "no speech" against words as a flag mismatch', () => {
    const found = transcriptDisagreements(clip(1, 'hello'), clip(2, '', { noSpeech: true, segments: [] }));
    expect(found.map((d) => [d.type, d.textA, d.textB])).toEqual([['flag_mismatch', 'hello', 'no speech']]);
  });

  it('finds boundary shifts above the threshold and one segment against two', () => {
    const found = transcriptDisagreements(
      segmented(1, [
        [0, 1000, 'good morning'],
        [1500, 4000, 'the weather today is sunny'],
      ]),
      segmented(2, [
        [350, 1000, 'good morning'], // starts 350 ms later
        [1500, 2600, 'the weather today'],
        [2700, 4000, 'is sunny'],
      ]),
    );
    expect(found.map((d) => [d.type, d.detail])).toEqual([
      ['segmentation', '1 segment against 2 (1.50 s–4.00 s)'],
      ['boundary_shift', 'start 350 ms apart'],
    ]);
  });
});

describe('numberValue', () => {
  it('reads digits and English number words', () => {
    expect(numberValue(['10'])).toBe(10);
    expect(numberValue(['twenty-one'])).toBe(21);
    expect(numberValue(['one', 'hundred', 'and', 'five'])).toBe(105);
    expect(numberValue(['two', 'thousand', 'twenty'])).toBe(2020);
    expect(numberValue(['1,000'])).toBe(1000);
    expect(numberValue(['ten', 'cats'])).toBeNull();
    expect(numberValue(['and'])).toBeNull();
    expect(numberValue(['fifteen', 'hundred'])).toBe(1500);
    expect(numberValue(['zero'])).toBe(0);
  });

  it('refuses words that are two numbers in a row, not one', () => {
    for (const words of [
      ['one', 'one'],
      ['ten', 'five'],
      ['twenty', 'thirty'],
      ['nineteen', 'two'],
      ['five', 'and'],
      ['zero', 'one'],
    ])
      expect(numberValue(words), words.join(' ')).toBeNull();
  });
});

describe('a filler against a word', () => {
  it('is a hesitation on one side and a word missing on the other', () => {
    expect(summary('um weather', 'the weather')).toEqual([
      ['filler', 'um', ''],
      ['missing_words', '', 'the'],
    ]);
  });
});
