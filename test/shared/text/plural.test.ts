import { describe, expect, it } from 'vitest';
import { countOf, nounFor } from '../../../shared/text/plural';

describe('counts in words', () => {
  it('says one in the singular and every other count, zero included, in the plural', () => {
    expect(countOf(1, 'sample')).toBe('1 sample');
    expect(countOf(0, 'sample')).toBe('0 samples');
    expect(countOf(2, 'case')).toBe('2 cases');
  });

  it('takes an irregular plural', () => {
    expect(countOf(1, 'box', 'boxes')).toBe('1 box');
    expect(countOf(5, 'box', 'boxes')).toBe('5 boxes');
  });

  it('gives the noun alone for a count written apart from it', () => {
    expect(nounFor(1, 'label')).toBe('label');
    expect(nounFor(7, 'label')).toBe('labels');
  });
});
