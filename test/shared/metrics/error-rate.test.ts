import { describe, expect, it } from 'vitest';
import {
  characterErrorRate,
  codePointCount,
  codePoints,
  corpusErrorRate,
  normaliseText,
  wordCount,
  wordErrorRate,
  words,
  type TextNormalisation,
} from '../../../shared/metrics/error-rate';

const ALL: TextNormalisation[] = ['nfc', 'case', 'punctuation', 'fillers', 'whitespace'];

describe('wordErrorRate', () => {
  it('counts "Um, today\'s weather" vs "Today\'s weather" as 2 edits in 3 words without normalisation', () => {
    // ref [Um, | today's | weather], hyp [Today's | weather]: "today's" ≠ "Today's", "Um," is deleted.
    const result = wordErrorRate("Um, today's weather", "Today's weather");
    expect(result.value).toBeCloseTo(2 / 3, 12);
    expect(result.alignment).toEqual([
      { op: 'del', ref: 'Um,' },
      { op: 'sub', ref: "today's", hyp: "Today's" },
      { op: 'match', ref: 'weather', hyp: 'weather' },
    ]);
  });

  it('leaves only the filler as a deletion with case folding', () => {
    const result = wordErrorRate("Um, today's weather", "Today's weather", { normalise: ['case'] });
    expect(result).toMatchObject({ value: 1 / 3, deletions: 1, substitutions: 0, insertions: 0, hits: 2, refLength: 3 });
  });

  it('is 0 with fillers, case and punctuation normalised', () => {
    const result = wordErrorRate("Um, today's weather", "Today's weather", { normalise: ['fillers', 'case', 'punctuation'] });
    expect(result).toMatchObject({ value: 0, hits: 2, refLength: 2 });
  });

  it('counts insertions against the reference length', () => {
    expect(wordErrorRate('the cat sat', 'the cat sat down').value).toBeCloseTo(1 / 3, 12);
    expect(wordErrorRate('a', 'b c d').value).toBe(3); // 1 substitution + 2 insertions over 1 word: WER can exceed 1
  });

  it('ignores spacing between words', () => {
    expect(wordErrorRate('  a   b\tc\n', 'a b c').value).toBe(0);
  });

  it('is 0 for two empty texts and null for an empty reference with words in the hypothesis', () => {
    expect(wordErrorRate('', '').value).toBe(0);
    expect(wordErrorRate('   ', '').value).toBe(0);
    const result = wordErrorRate('', 'a b');
    expect(result).toMatchObject({ value: null, insertions: 2, refLength: 0 });
    expect(wordErrorRate('a b', '').value).toBe(1);
  });

  it('compares "Um" alone with nothing as 0 once fillers are removed', () => {
    expect(wordErrorRate('Um', '', { normalise: ['fillers'] }).value).toBe(0);
  });
});

describe('characterErrorRate', () => {
  it('gives kitten → sitting 3 edits over 6 characters', () => {
    const result = characterErrorRate('kitten', 'sitting');
    expect(result).toMatchObject({ value: 0.5, substitutions: 2, insertions: 1, deletions: 0, hits: 4, refLength: 6 });
  });

  it('counts spaces unless whitespace is normalised', () => {
    expect(characterErrorRate('a b', 'a  b ').value).toBeCloseTo(2 / 3, 12);
    expect(characterErrorRate('a b', ' a  b ', { normalise: ['whitespace'] }).value).toBe(0);
  });

  it('counts a decomposed accent as two edits unless NFC is applied', () => {
    const composed = 'caf\u00e9';
    const decomposed = 'cafe\u0301';
    expect(characterErrorRate(composed, decomposed).value).toBe(0.5); // é→e substituted, U+0301 inserted
    expect(characterErrorRate(composed, decomposed, { normalise: ['nfc'] }).value).toBe(0);
  });

  it('counts code points, not UTF-16 units', () => {
    expect(characterErrorRate('a😀', 'a😃')).toMatchObject({ value: 0.5, refLength: 2 });
  });

  it('applies every normalisation at once', () => {
    expect(characterErrorRate("Um, today's  weather", "Today's weather", { normalise: ALL }).value).toBe(0);
  });

  it('follows the empty-reference convention', () => {
    expect(characterErrorRate('', '').value).toBe(0);
    expect(characterErrorRate('', 'x').value).toBeNull();
  });
});

describe('normaliseText', () => {
  it('removes fillers as whole words in any case, keeping words that contain them', () => {
    expect(normaliseText('Hmm I think ER mm yes, uh', ['fillers', 'whitespace'])).toBe('I think yes,');
    expect(normaliseText('her summer umbrella ahead, erm', ['fillers', 'whitespace'])).toBe('her summer umbrella ahead,');
  });

  it('removes Unicode punctuation, including curly apostrophes', () => {
    expect(normaliseText('Um, today’s  weather!', ['case', 'fillers', 'punctuation', 'whitespace'])).toBe('todays weather');
  });

  it('changes nothing without steps', () => {
    expect(normaliseText(' Um, A ')).toBe(' Um, A ');
  });
});

describe('corpusErrorRate', () => {
  it('divides total edits by total reference length', () => {
    const result = corpusErrorRate(
      [
        ['a b', 'a b'],
        ['c d', 'c'],
      ],
      'word',
    );
    expect(result).toMatchObject({ value: 0.25, deletions: 1, hits: 3, refLength: 4 });
    expect(result.pairs.map((pair) => pair.value)).toEqual([0, 0.5]);
  });

  it('counts insertions against an empty reference within the corpus total', () => {
    const result = corpusErrorRate(
      [
        ['', 'x'],
        ['a b c', 'a b c'],
      ],
      'word',
    );
    expect(result.value).toBeCloseTo(1 / 3, 12);
    expect(result.pairs[0]!.value).toBeNull();
  });

  it('follows the empty-reference convention over the whole corpus', () => {
    expect(corpusErrorRate([], 'character').value).toBe(0);
    expect(corpusErrorRate([['', 'x']], 'character').value).toBeNull();
  });

  it('measures characters with normalisation', () => {
    expect(corpusErrorRate([['Kitten', 'sitting']], 'character', { normalise: ['case'] }).value).toBe(0.5);
  });
});

/** What `words` and the `whitespace` normalisation were as regular expressions: the reference their one-pass loops are held to. */
const splitOnSpace = (text: string) => text.split(/\s+/u).filter((word) => word.length > 0);
const collapsedBySpace = (text: string) => text.replace(/\s+/gu, ' ').trim();

describe('counts without tokens', () => {
  it('counts and splits words as the split on \\s does, for every whitespace character JavaScript knows', () => {
    const differing: string[] = [];
    for (let unit = 0; unit <= 0xffff; unit++) {
      // Between two letters a whitespace character makes two words of one; alone, none of one; doubled at the ends, a space to trim.
      const character = String.fromCharCode(unit);
      for (const text of [`a${character}b`, character, `${character}${character}a${character}${character}b${character}`]) {
        const reference = splitOnSpace(text);
        const same =
          wordCount(text) === reference.length &&
          JSON.stringify(words(text)) === JSON.stringify(reference) &&
          normaliseText(text, ['whitespace']) === collapsedBySpace(text);
        if (!same) differing.push(`U+${unit.toString(16)} in ${JSON.stringify(text)}`);
      }
    }
    expect(differing).toEqual([]);
  });

  it('splits words and collapses whitespace as the regular expressions do on random text', () => {
    let seed = 11;
    const next = (below: number) => (seed = (seed * 1103515245 + 12345) % 2147483648) % below;
    const pieces = ['a', 'bc', ' ', '  ', '\t', '\n', '\r\n', '\u00a0', '\u2003', '\u3000', '\ufeff', '\u2028', '😀', '\ud83d', 'é', '\u0301', ',', 'Um'];
    for (let trial = 0; trial < 5000; trial++) {
      const text = Array.from({ length: next(14) }, () => pieces[next(pieces.length)]!).join('');
      expect(words(text), JSON.stringify(text)).toEqual(splitOnSpace(text));
      expect(normaliseText(text, ['whitespace']), JSON.stringify(text)).toBe(collapsedBySpace(text));
      // With the other steps before it, as the agreement's normalised figures apply them.
      expect(normaliseText(text, ALL), JSON.stringify(text)).toBe(collapsedBySpace(normaliseText(text, ['nfc', 'case', 'punctuation', 'fillers'])));
    }
  });

  it('counts words and code points as the tokens on random text with surrogates, lone ones included', () => {
    let seed = 3;
    const next = (below: number) => (seed = (seed * 1103515245 + 12345) % 2147483648) % below;
    const pieces = ['a', 'é', ' ', '  ', '\t', '\u00a0', '\u3000', '😀', '\ud83d', '\ude00', 'x\u2028y', '\ufeff'];
    for (let trial = 0; trial < 3000; trial++) {
      const text = Array.from({ length: next(12) }, () => pieces[next(pieces.length)]!).join('');
      expect(wordCount(text), JSON.stringify(text)).toBe(splitOnSpace(text).length);
      expect(codePoints(text), JSON.stringify(text)).toEqual(Array.from(text, (character) => character.codePointAt(0)));
      expect(codePointCount(text), JSON.stringify(text)).toBe(Array.from(text).length);
    }
  });
});
