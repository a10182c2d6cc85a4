import { describe, expect, it } from 'vitest';
import { sanitySubset } from '../../renderer/train/sanity-subset';

describe('the sanity check subset', () => {
  it('takes the classes in turn, so that it cannot pass by answering one class', () => {
    // The first training examples are all of class 0, as the boxes of one image often are.
    const labels = [0, 0, 0, 0, 0, 1, 1, 2];
    expect(sanitySubset([0, 1, 2, 3, 4, 5, 6, 7], labels, 5)).toEqual([0, 5, 7, 1, 6]);
    expect(sanitySubset([0, 1, 2, 3, 4, 5, 6, 7], labels, 20)).toHaveLength(8);
  });

  it('is empty when the training examples hold a single class', () => {
    expect(sanitySubset([0, 1, 2], [3, 3, 3], 20)).toEqual([]);
  });
});
