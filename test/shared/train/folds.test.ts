import { describe, expect, it } from 'vitest';
import { predictedClass } from '../../../shared/analysis/predicted-class';
import { foldsBySample, judgeable } from '../../../shared/train/folds';

describe('cross-validation folds', () => {
  it('keeps every crop of a sample in one fold and deals samples evenly, the same way each time', () => {
    const sampleIds = [5, 5, 5, 2, 9, 9, 1, 7, 4, 8];
    const labels = [0, 1, 0, 1, 0, 0, 1, 1, 0, 1];
    const folds = foldsBySample(sampleIds, labels, 2);
    for (const id of new Set(sampleIds)) expect(new Set(folds.filter((_, i) => sampleIds[i] === id)).size).toBe(1);
    const perFold = [0, 1].map((f) => new Set(sampleIds.filter((_, i) => folds[i] === f)).size);
    expect(Math.abs(perFold[0]! - perFold[1]!)).toBeLessThanOrEqual(1);
    expect(foldsBySample([...sampleIds], [...labels], 2)).toEqual(folds);
  });

  it('spreads every class over the folds, even when the import cycled through the classes', () => {
    // Four commands recorded in rotation: sample id n says command n % 4.
    const sampleIds = Array.from({ length: 40 }, (_, i) => i + 1);
    const labels = sampleIds.map((id) => id % 4);
    const folds = foldsBySample(sampleIds, labels, 4);
    for (let command = 0; command < 4; command++) {
      const foldsOfCommand = folds.filter((_, i) => labels[i] === command);
      // Ten samples of each command over four folds: two or three in each.
      for (let fold = 0; fold < 4; fold++) expect([2, 3], `command ${command}, fold ${fold}`).toContain(foldsOfCommand.filter((f) => f === fold).length);
    }
  });

  it('judges only examples whose class the model saw outside their fold', () => {
    // Class 2 has one example: held out, the model never saw it.
    expect(judgeable([0, 1, 0, 1, 0], [0, 0, 1, 1, 2])).toEqual([true, true, true, true, false]);
  });
});

describe('the predicted class', () => {
  it('is the most probable, the first on a tie, and never a NaN', () => {
    expect(predictedClass([0.2, 0.5, 0.3])).toBe(1);
    expect(predictedClass([0.5, 0.5])).toBe(0);
    expect(predictedClass([Number.NaN, 0.1, 0.2])).toBe(2);
  });
});
