import { describe, expect, it } from 'vitest';
import { boxAgreement } from '../../../shared/metrics/box-agreement';

describe('box agreement over images', () => {
  it('pools counts over images, so a crowded image weighs more', () => {
    const a = [
      [
        [0, 0, 10, 10],
        [20, 0, 30, 10],
        [40, 0, 50, 10],
      ],
      [[0, 0, 10, 10]],
    ] as const;
    const b = [
      [
        [0, 0, 10, 10],
        [20, 0, 30, 10],
      ],
      [[60, 60, 70, 70]],
    ] as const;
    const { pooled, perImage } = boxAgreement(a, b);
    expect(perImage.map((r) => [r.tp, r.fp, r.fn])).toEqual([
      [2, 0, 1],
      [0, 1, 1],
    ]);
    expect(pooled).toEqual({ tp: 2, fp: 1, fn: 2, precision: 2 / 3, recall: 2 / 4, f1: 4 / 7, meanIoU: 1 });
  });

  it('says nothing it cannot: no boxes anywhere gives nulls, and image counts must agree', () => {
    expect(boxAgreement([[], []], [[], []]).pooled).toEqual({ tp: 0, fp: 0, fn: 0, precision: null, recall: null, f1: null, meanIoU: null });
    expect(() => boxAgreement([[]], [])).toThrow(/different numbers of images/);
  });
});
