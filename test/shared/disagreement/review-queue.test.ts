import { describe, expect, it } from 'vitest';
import { buildReviewQueue } from '../../../shared/disagreement/review-queue';
import { box, boxes, transcript } from '../agreement/fixtures';

describe('the review queue', () => {
  it('lists samples with disagreements by severity, with their types, classes, tags, versions and pairs', () => {
    const queue = buildReviewQueue(
      [
        // Sample 1: all agree. Sample 2: labeler 3 calls the object class 2. Sample 3: labeler 2 misses a box.
        boxes(1, 1, [box(0, 0, 10, 10)]),
        boxes(1, 2, [box(0, 0, 10, 10)]),
        boxes(2, 1, [box(0, 0, 10, 10, 1)], { sampleTags: ['night'] }),
        boxes(2, 2, [box(0, 0, 10, 10, 1)], { sampleTags: ['night'] }),
        boxes(2, 3, [box(0, 0, 10, 10, 2)], { sampleTags: ['night'] }),
        boxes(3, 1, [box(0, 0, 10, 10), box(20, 0, 30, 10, 3)], { guidelineVersion: 2 }),
        boxes(3, 2, [box(0, 0, 10, 10)], { guidelineVersion: 2 }),
      ],
      new Map([
        [2, 0.2],
        [3, 0.35],
      ]),
    );
    expect(queue.items.map((item) => [item.sampleId, item.severity, item.types, item.classIds, item.tags, item.guidelineVersions, item.pairs])).toEqual([
      [3, 0.35, { missing_object: 1 }, [3], [], [2], ['1:2']],
      [2, 0.2, { class_mismatch: 2 }, [1, 2], ['night'], [1], ['1:3', '2:3']],
    ]);
    expect(queue.shares.overall).toEqual({
      key: 'all',
      total: 3,
      shares: [
        { type: 'class_mismatch', count: 2, share: 2 / 3 },
        { type: 'missing_object', count: 1, share: 1 / 3 },
      ],
    });
    expect(queue.shares.byTag).toEqual([{ key: 'night', total: 2, shares: [{ type: 'class_mismatch', count: 2, share: 1 }] }]);
    expect(queue.shares.byVersion.map((group) => [group.key, group.total])).toEqual([
      [1, 2],
      [2, 1],
    ]);
    expect(queue.shares.byClass.map((group) => [group.key, group.total])).toEqual([
      [1, 2],
      [2, 2],
      [3, 1],
    ]);
  });

  it('shows which rule is ambiguous first: fillers as the largest share of transcript disagreements', () => {
    const queue = buildReviewQueue(
      [
        transcript(1, 1, "um, today's weather"),
        transcript(1, 2, "today's weather"),
        transcript(2, 1, 'uh set a timer'),
        transcript(2, 2, 'set a timer'),
        transcript(3, 1, 'turn on the lights'),
        transcript(3, 2, 'turn off the lights'),
      ],
      new Map(),
    );
    expect(queue.shares.overall.shares[0]).toEqual({ type: 'filler', count: 2, share: 2 / 3 });
  });
});
