import { describe, expect, it } from 'vitest';
import type { AnnotationForAgreement } from '../../../shared/agreement';
import { mulberry32, type Random } from '../../../shared/assignment/prng';
import { buildReviewQueue } from '../../../shared/disagreement/review-queue';
import { NO_REVIEW_FILTERS, ReviewLedger, type ReviewFilters, type ReviewPageQuery, type ReviewSort } from '../../../shared/disagreement/review-ledger';
import type { ReviewItem } from '../../../shared/disagreement/review-entry';
import { box, boxes } from '../agreement/fixtures';

/** A sample's answers by three labelers, some agreeing and some not, drawn from `random`. */
function randomSample(sampleId: number, random: Random): AnnotationForAgreement[] {
  const tags = random() < 0.3 ? ['night'] : [];
  const version = random() < 0.5 ? 1 : 2;
  return [1, 2, 3].map((labelerId) => {
    const list = [box(0, 0, 10, 10, random() < 0.2 ? 2 : 1)];
    if (random() < 0.25) list.push(box(20, 0, 30, 10, 3));
    return boxes(sampleId, labelerId, list, { sampleTags: tags, guidelineVersion: version });
  });
}

/** Reads every page of `query` (from the first), calling `between` after each page. */
function allPages(ledger: ReviewLedger, query: Omit<ReviewPageQuery, 'after'>, between: () => void = () => {}): ReviewItem[] {
  const seen: ReviewItem[] = [];
  let page = ledger.page({ ...query, after: null });
  for (;;) {
    seen.push(...page.items);
    between();
    if (!page.next) return seen;
    page = ledger.page({ ...query, after: page.next });
  }
}

const ORDER: Record<ReviewSort, (x: ReviewItem, y: ReviewItem) => number> = {
  severity: (x, y) => y.severity - x.severity || x.sampleId - y.sampleId,
  sampleId: (x, y) => x.sampleId - y.sampleId,
};

describe('the review ledger', () => {
  it('pages through every item exactly once, in order, while samples are added between pages', () => {
    for (const seed of [1, 2, 3]) {
      for (const sort of ['severity', 'sampleId'] as const) {
        const random = mulberry32(seed);
        const ledger = new ReviewLedger({ iouThreshold: 0.5 });
        const severity = () => Math.round(random() * 10) / 10;
        for (let sampleId = 2; sampleId <= 400; sampleId += 2) ledger.setSample(sampleId, randomSample(sampleId, random), severity());
        const before = ledger.page({ filters: NO_REVIEW_FILTERS, sort, after: null, limit: Infinity }).items;
        // Other labelers submit meanwhile: 150 new samples (odd ids, so anywhere in either order), 3 after each page.
        const newIds = Array.from({ length: 150 }, (_, i) => 2 * i + 1);
        const seen = allPages(ledger, { filters: NO_REVIEW_FILTERS, sort, limit: 1 + Math.floor(random() * 20) }, () => {
          for (const sampleId of newIds.splice(0, 3)) ledger.setSample(sampleId, randomSample(sampleId, random), severity());
        });
        const ids = seen.map((item) => item.sampleId);
        expect(new Set(ids).size, `seed ${seed}, ${sort}: no item twice`).toBe(ids.length);
        for (const item of before) expect(ids, `seed ${seed}, ${sort}: sample ${item.sampleId} seen`).toContain(item.sampleId);
        for (let i = 1; i < seen.length; i++) expect(ORDER[sort](seen[i - 1]!, seen[i]!), `seed ${seed}, ${sort}: in order at ${i}`).toBeLessThan(0);
      }
    }
  });

  it('filters give the unpaged queue filtered, with the matching total on every page', () => {
    const random = mulberry32(7);
    const annotations: AnnotationForAgreement[] = [];
    const severity = new Map<number, number>();
    for (let sampleId = 1; sampleId <= 300; sampleId++) {
      annotations.push(...randomSample(sampleId, random));
      severity.set(sampleId, Math.round(random() * 20) / 20);
    }
    const everything = buildReviewQueue(annotations, severity, { iouThreshold: 0.5 }).items;
    const ledger = ReviewLedger.of(annotations, severity, { iouThreshold: 0.5 });
    const filterSets: ReviewFilters[] = [
      NO_REVIEW_FILTERS,
      { ...NO_REVIEW_FILTERS, type: 'class_mismatch' },
      { ...NO_REVIEW_FILTERS, classId: 3 },
      { ...NO_REVIEW_FILTERS, tag: 'night', version: 2 },
      { ...NO_REVIEW_FILTERS, pair: '1:3', type: 'missing_object' },
    ];
    const decided = new Set([2, 3, 5, 7, 11, 13]);
    for (const filters of filterSets) {
      const expected = everything.filter(
        (item) =>
          (filters.type === null || (item.types[filters.type] ?? 0) > 0) &&
          (filters.classId === null || item.classIds.includes(filters.classId)) &&
          (filters.tag === null || item.tags.includes(filters.tag)) &&
          (filters.pair === null || item.pairs.includes(filters.pair)) &&
          (filters.version === null || item.guidelineVersions.includes(filters.version)) &&
          !decided.has(item.sampleId),
      );
      expect(expected.length, JSON.stringify(filters)).toBeGreaterThan(0);
      expect(allPages(ledger, { filters, sort: 'severity', limit: 17, exclude: decided })).toEqual(expected);
      const first = ledger.page({ filters, sort: 'severity', after: null, limit: 17, exclude: decided });
      expect(first.total).toBe(expected.length);
      expect(first.all).toBe(everything.length);
    }
  });

  it('replaces a resubmitted sample: its item, its shares and the facets follow its new answers', () => {
    const ledger = new ReviewLedger();
    ledger.setSample(1, [boxes(1, 1, [box(0, 0, 10, 10, 1)]), boxes(1, 2, [box(0, 0, 10, 10, 2)])], 0.5);
    ledger.setSample(2, [boxes(2, 1, [box(0, 0, 10, 10, 1)]), boxes(2, 3, [box(0, 0, 10, 10, 1)])], 0);
    const query = { filters: NO_REVIEW_FILTERS, sort: 'severity', after: null, limit: 10 } as const;
    expect(ledger.page(query).items.map((item) => item.types)).toEqual([{ class_mismatch: 1 }]);
    expect(ledger.page(query).facets.pairs).toEqual(['1:2']);

    // Labeler 2 corrects the class, and labeler 3 now misses the box on sample 2.
    ledger.setSample(1, [boxes(1, 1, [box(0, 0, 10, 10, 1)]), boxes(1, 2, [box(0, 0, 10, 10, 1)])], 0);
    ledger.setSample(2, [boxes(2, 1, [box(0, 0, 10, 10, 1)]), boxes(2, 3, [])], 1);
    const after = ledger.page(query);
    expect(after.items.map((item) => [item.sampleId, item.severity, item.types])).toEqual([[2, 1, { missing_object: 1 }]]);
    expect(after.shares.overall.shares.map((share) => share.type)).toEqual(['missing_object']);
    expect(after.facets).toEqual({ pairs: ['1:3'], guidelineVersions: [1], labelerIds: [1, 3] });
  });
});
