import { describe, expect, it } from 'vitest';
import { projectAgreement, type AnnotationForAgreement } from '../../../shared/agreement';
import type { Box } from '../../../shared/annotation/payload';
import { mulberry32 } from '../../../shared/assignment/prng';
import { matchBoxes } from '../../../shared/metrics/box-matching';
import { box, boxes } from './fixtures';

describe('per-class agreement', () => {
  it('equals matching each class on its own, on random crowded images with class slips', () => {
    // Per-class counts skip re-matching classes that no match crosses (see BoxMeasure); this
    // checks that shortcut against matching every class of every pair from scratch.
    const random = mulberry32(11);
    const annotations: AnnotationForAgreement[] = [];
    const expected = new Map<number, { tp: number; fp: number; fn: number }>();
    for (let sample = 1; sample <= 60; sample++) {
      const base = Array.from({ length: 6 }, () => ({ x: random() * 40, y: random() * 40, classId: 1 + Math.floor(random() * 3) }));
      const drawn: Box[][] = [1, 2, 3].map(() =>
        base
          .filter(() => random() > 0.15)
          .map((b) =>
            box(
              b.x + random() * 4,
              b.y + random() * 4,
              b.x + 20 + random() * 4,
              b.y + 20 + random() * 4,
              random() > 0.8 ? 1 + Math.floor(random() * 3) : b.classId,
            ),
          ),
      );
      drawn.forEach((list, labeler) => annotations.push(boxes(sample, labeler + 1, list)));
      for (let i = 0; i < 3; i++) {
        for (let j = i + 1; j < 3; j++) {
          for (const classId of [1, 2, 3]) {
            const corners = (list: Box[]) => list.filter((b) => b.classId === classId).map((b) => [b.x1, b.y1, b.x2, b.y2] as const);
            const result = matchBoxes(corners(drawn[i]!), corners(drawn[j]!));
            const counts = expected.get(classId) ?? { tp: 0, fp: 0, fn: 0 };
            expected.set(classId, { tp: counts.tp + result.tp, fp: counts.fp + result.fp, fn: counts.fn + result.fn });
          }
        }
      }
    }
    const result = projectAgreement(annotations, 'bbox', { bootstrap: false });
    expect(result.overall.classAgreement).toBeLessThan(1); // the slips did happen
    expect(result.perClass.map(({ classId, tp, fp, fn }) => [classId, { tp, fp, fn }])).toEqual(
      [...expected].filter(([, c]) => c.tp + c.fp + c.fn > 0).sort(([x], [y]) => x - y),
    );
  });
});
