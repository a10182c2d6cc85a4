import { describe, expect, it } from 'vitest';
import { foldsBySample } from '../../../shared/train/folds';

describe('cross-validation folds', () => {
  it('keeps every crop of a sample in one fold and deals samples evenly, the same way each time', () => {
    const sampleIds = [5, 5, 5, 2, 9, 9, 1, 7, 4, 8];
    const folds = foldsBySample(sampleIds, 2);
    for (const id of new Set(sampleIds)) expect(new Set(folds.filter((_, i) => sampleIds[i] === id)).size).toBe(1);
    const perFold = [0, 1].map((f) => new Set(sampleIds.filter((_, i) => folds[i] === f)).size);
    expect(Math.abs(perFold[0]! - perFold[1]!)).toBeLessThanOrEqual(1);
    expect(foldsBySample([...sampleIds], 2)).toEqual(folds);
  });

  it('mixes classes into every fold even when the import cycled through them', () => {
    // Four commands recorded in rotation: sample id n says command n % 4.
    const sampleIds = Array.from({ length: 40 }, (_, i) => i + 1);
    const folds = foldsBySample(sampleIds, 4);
    for (let fold = 0; fold < 4; fold++) {
      const commands = new Set(sampleIds.filter((_, i) => folds[i] === fold).map((id) => id % 4));
      expect(commands.size, `fold ${fold}`).toBeGreaterThan(1);
    }
  });
});
