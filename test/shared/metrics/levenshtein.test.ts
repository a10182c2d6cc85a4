import { describe, expect, it } from 'vitest';
import { levenshtein } from '../../../shared/metrics/levenshtein';

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
