import { describe, expect, it } from 'vitest';
import { editCounts, editDistance, levenshtein } from '../../../shared/metrics/levenshtein';

describe('levenshtein', () => {
  it('counts and aligns a substitution and an insertion', () => {
    expect(levenshtein(['a', 'b', 'c'], ['a', 'x', 'c', 'd'])).toEqual({
      substitutions: 1,
      insertions: 1,
      deletions: 0,
      hits: 2,
      refLength: 3,
      alignment: [
        { op: 'match', ref: 'a', hyp: 'a' },
        { op: 'sub', ref: 'b', hyp: 'x' },
        { op: 'match', ref: 'c', hyp: 'c' },
        { op: 'ins', hyp: 'd' },
      ],
    });
  });

  it('gives the classic kitten → sitting distance of 3', () => {
    const result = levenshtein([...'kitten'], [...'sitting']);
    expect([result.substitutions, result.insertions, result.deletions, result.hits]).toEqual([2, 1, 0, 4]);
    expect(result.alignment.map((step) => step.op).join(' ')).toBe('sub match match match sub match ins');
  });

  it('aligns deletions in reference order', () => {
    const result = levenshtein(['x', 'a', 'y', 'b'], ['a', 'b']);
    expect(result.alignment).toEqual([
      { op: 'del', ref: 'x' },
      { op: 'match', ref: 'a', hyp: 'a' },
      { op: 'del', ref: 'y' },
      { op: 'match', ref: 'b', hyp: 'b' },
    ]);
  });

  it('handles empty sequences', () => {
    expect(levenshtein([], [])).toEqual({ substitutions: 0, insertions: 0, deletions: 0, hits: 0, refLength: 0, alignment: [] });
    expect(levenshtein([], ['a', 'b']).insertions).toBe(2);
    expect(levenshtein(['a', 'b'], []).deletions).toBe(2);
  });

  it('keeps every token of both sides in the alignment', () => {
    const ref = [...'the quick brown fox'];
    const hyp = [...'a quack brown box!'];
    const result = levenshtein(ref, hyp);
    expect(result.alignment.flatMap((step) => (step.ref === undefined ? [] : [step.ref])).join('')).toBe(ref.join(''));
    expect(result.alignment.flatMap((step) => (step.hyp === undefined ? [] : [step.hyp])).join('')).toBe(hyp.join(''));
    expect(result.hits + result.substitutions + result.deletions).toBe(ref.length);
    expect(result.hits + result.substitutions + result.insertions).toBe(hyp.length);
  });
});

describe('editCounts', () => {
  const ids = (text: string) => Array.from(text, (character) => character.codePointAt(0)!);

  it('gives the counts of the full alignment, tie-breaking included', () => {
    const cases: [string, string][] = [
      ['kitten', 'sitting'],
      ['xayb', 'ab'],
      ['the quick brown fox', 'a quack brown box!'],
      ['', 'abc'],
      ['abc', ''],
      ['', ''],
      ['abab', 'baba'],
    ];
    for (const [ref, hyp] of cases) {
      const { alignment: _alignment, ...counts } = levenshtein([...ref], [...hyp]);
      expect(editCounts(ids(ref), ids(hyp)), `${ref} → ${hyp}`).toEqual(counts);
    }
  });

  it('agrees with the full alignment on random sequences', () => {
    let seed = 7;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648) % 4;
    for (let trial = 0; trial < 1000; trial++) {
      const ref = Array.from({ length: next() * 3 }, next);
      const hyp = Array.from({ length: next() * 3 }, next);
      const { alignment: _alignment, ...counts } = levenshtein(ref.map(String), hyp.map(String));
      expect(editCounts(ref, hyp)).toEqual(counts);
    }
  });
});

describe('editDistance', () => {
  const editsOf = (ref: number[], hyp: number[]) => {
    const counts = editCounts(ref, hyp);
    return counts.substitutions + counts.insertions + counts.deletions;
  };

  it('gives the classic distances, either way round', () => {
    const ids = (text: string) => Array.from(text, (character) => character.codePointAt(0)!);
    expect(editDistance(ids('kitten'), ids('sitting'))).toBe(3);
    expect(editDistance(ids('sitting'), ids('kitten'))).toBe(3);
    expect(editDistance(ids(''), ids('abc'))).toBe(3);
    expect(editDistance(ids('abc'), ids(''))).toBe(3);
    expect(editDistance(ids('same'), ids('same'))).toBe(0);
  });

  it("equals editCounts' edits on random sequences, short and past a word of bits", () => {
    let seed = 11;
    const next = (below: number) => (seed = (seed * 1103515245 + 12345) % 2147483648) % below;
    // Lengths around 32 cross from the bit-parallel path to the table's row; a small alphabet
    // makes common ends, repeats and ties frequent.
    for (let trial = 0; trial < 2000; trial++) {
      const alphabet = 2 + next(6);
      const ref = Array.from({ length: next(trial % 2 === 0 ? 40 : 80) }, () => next(alphabet));
      const hyp = Array.from({ length: next(trial % 2 === 0 ? 40 : 80) }, () => next(alphabet));
      expect(editDistance(ref, hyp), `${ref.join('')} → ${hyp.join('')}`).toBe(editsOf(ref, hyp));
    }
  });

  it('equals editCounts on tokens the position table does not hold: large, negative, fractional', () => {
    let seed = 5;
    const next = (below: number) => (seed = (seed * 1103515245 + 12345) % 2147483648) % below;
    // Small ids share the table, the others the map; a mix in one pattern must keep both right,
    // and each call must leave the table empty for the next (the trials run back to back).
    const tokens = [0, 1, 2, 65_535, 65_536, 0x10ffff, -1, 2.5];
    for (let trial = 0; trial < 2000; trial++) {
      const ref = Array.from({ length: next(20) }, () => tokens[next(tokens.length)]!);
      const hyp = Array.from({ length: next(20) }, () => tokens[next(tokens.length)]!);
      expect(editDistance(ref, hyp), `${ref.join(',')} → ${hyp.join(',')}`).toBe(editsOf(ref, hyp));
    }
  });

  it('equals editCounts past two words of bits, the other side holding tokens the tables do not', () => {
    let seed = 23;
    const next = (below: number) => (seed = (seed * 1103515245 + 12345) % 2147483648) % below;
    // Middles of 33 to 64 small tokens take two words of bits, longer ones or any large token the
    // table's row; an odd token on the longer side must match nothing of the pattern.
    const odd = [65_536, -1, 2.5, 0x10ffff];
    for (let trial = 0; trial < 3000; trial++) {
      const alphabet = 2 + next(30);
      const token = () => (next(50) === 0 ? odd[next(odd.length)]! : next(alphabet));
      const ref = Array.from({ length: 20 + next(trial % 3 === 0 ? 140 : 60) }, token);
      const hyp = Array.from({ length: 20 + next(trial % 3 === 0 ? 140 : 60) }, token);
      expect(editDistance(ref, hyp), `${ref.join(',')} → ${hyp.join(',')}`).toBe(editsOf(ref, hyp));
    }
  });

  it('measures a middle of exactly 32 tokens against a longer one', () => {
    const ref = Array.from({ length: 32 }, (_, i) => i);
    const hyp = Array.from({ length: 40 }, (_, i) => (i % 3 === 0 ? 100 + i : i));
    expect(editDistance(ref, hyp)).toBe(editsOf(ref, hyp));
    expect(editDistance(hyp, ref)).toBe(editsOf(ref, hyp));
  });

  it('measures middles of exactly 33 and 64 tokens against longer ones', () => {
    for (const length of [33, 64]) {
      const ref = Array.from({ length }, (_, i) => i);
      const hyp = Array.from({ length: length + 9 }, (_, i) => (i % 3 === 0 ? 100 + i : i));
      expect(editDistance(ref, hyp)).toBe(editsOf(ref, hyp));
      expect(editDistance(hyp, ref)).toBe(editsOf(ref, hyp));
    }
  });
});
