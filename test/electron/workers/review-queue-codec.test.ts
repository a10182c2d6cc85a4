import { describe, expect, it } from 'vitest';
import type { AnnotationForAgreement } from '../../../shared/agreement';
import { mulberry32 } from '../../../shared/assignment/prng';
import { NO_REVIEW_FILTERS, ReviewLedger, type ReviewFilters, type ReviewPageQuery } from '../../../shared/disagreement/review-ledger';
import { decodeKeptQueue, encodeKeptQueue, KeptQueueDecodeError, type KeptReviewSample } from '../../../electron/workers/review-queue-codec';
import { box, boxes } from '../../shared/agreement/fixtures';

/** 300 samples by three labelers, agreeing or not (wrong classes, missed boxes), some tagged, under two guideline versions. */
function classifiedQueue(): { ledger: ReviewLedger; kept: KeptReviewSample[] } {
  const random = mulberry32(11);
  const annotations: AnnotationForAgreement[] = [];
  const severity = new Map<number, number>();
  for (let sampleId = 1; sampleId <= 300; sampleId++) {
    const tags = random() < 0.3 ? ['night', 'rain'].slice(0, 1 + Math.floor(random() * 2)) : [];
    const version = random() < 0.5 ? 1 : 2;
    for (const labelerId of [1, 2, 3]) {
      const list = [box(0, 0, 10, 10, random() < 0.2 ? 2 : 1)];
      if (random() < 0.25) list.push(box(20, 0, 30, 10, 3));
      annotations.push(boxes(sampleId, labelerId, list, { sampleTags: tags, guidelineVersion: version }));
    }
    severity.set(sampleId, random());
  }
  const ledger = ReviewLedger.of(annotations, severity, { iouThreshold: 0.5 });
  const kept = [...ledger.kept()].map((sample) => ({ ...sample, stamp: `3:${sample.sampleId * 7}:${sample.sampleId % 3 === 0 ? 'night' : ''}` }));
  return { ledger, kept };
}

describe('the compact kept review queue', () => {
  it('reads back every sample exactly, and a queue restored from it pages as the freshly classified one', () => {
    const { ledger, kept } = classifiedQueue();
    expect(kept.filter((sample) => sample.entry.item !== null).length).toBeGreaterThan(50);
    expect(kept.some((sample) => sample.entry.item?.tags.length)).toBe(true);
    const encoded = JSON.parse(JSON.stringify(encodeKeptQueue(kept))) as ReturnType<typeof encodeKeptQueue>;
    const decoded = decodeKeptQueue(encoded);
    expect(decoded).toEqual(kept);

    const restored = new ReviewLedger({ iouThreshold: 0.5 });
    for (const { sampleId, entry, severity } of decoded) restored.restore(sampleId, entry, severity);
    const filterSets: ReviewFilters[] = [
      NO_REVIEW_FILTERS,
      { ...NO_REVIEW_FILTERS, type: 'class_mismatch' },
      { ...NO_REVIEW_FILTERS, tag: 'night', version: 2 },
    ];
    for (const filters of filterSets) {
      for (const sort of ['severity', 'sampleId'] as const) {
        const query: ReviewPageQuery = { filters, sort, after: null, limit: Infinity };
        expect(restored.page(query)).toEqual(ledger.page(query));
      }
    }
    // Each text is written once: the file is a table of strings and numbers, not objects.
    expect(new Set(encoded.strings).size).toBe(encoded.strings.length);
    expect(encoded.data.every((value) => typeof value === 'number')).toBe(true);
  });

  it('refuses damaged data at the first wrong value, saying where and why without the value', () => {
    const { kept } = classifiedQueue();
    const encoded = encodeKeptQueue(kept.slice(0, 20));
    const withItem = kept.findIndex((sample) => sample.entry.item !== null);
    const firstItem = encodeKeptQueue(kept.slice(withItem, withItem + 1));
    const damaged: Array<[string, { strings: unknown[]; data: unknown[] }, RegExp]> = [
      ['cut short', { strings: encoded.strings, data: encoded.data.slice(0, -1) }, /ends inside a sample/],
      ['a text as a number', { strings: encoded.strings, data: ['secret', ...encoded.data.slice(1)] }, /number 0 .*not a number/],
      ['a text index past the table', { strings: encoded.strings, data: [1, 999_999, ...encoded.data.slice(2)] }, /number 1 .*not the index of a text/],
      ['a severity of 2', { strings: encoded.strings, data: [1, 0, 2, ...encoded.data.slice(3)] }, /number 2 .*severity outside/],
      ['a list longer than the file', { strings: firstItem.strings, data: [...firstItem.data.slice(0, 4), 1e9] }, /longer than the data left/],
      [
        'an unknown disagreement type',
        {
          strings: [...firstItem.strings.map((text) => (text === 'loose_box' || text === 'class_mismatch' || text === 'missing_object' ? 'made_up' : text))],
          data: firstItem.data,
        },
        /not a disagreement type/,
      ],
    ];
    for (const [what, data, reason] of damaged) {
      const error = (() => {
        try {
          decodeKeptQueue(data);
        } catch (thrown) {
          return thrown;
        }
      })();
      expect(error, what).toBeInstanceOf(KeptQueueDecodeError);
      expect((error as Error).message, what).toMatch(reason);
      expect((error as Error).message, what).not.toMatch(/secret|made_up/);
    }
  });
});
