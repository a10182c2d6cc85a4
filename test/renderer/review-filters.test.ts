import { describe, expect, it, vi } from 'vitest';
import type { ReviewQueueItem } from '../../shared/domain/gold';
import { filterChoices, sameFilters, shownFilters } from '../../renderer/review/review-filters';
import { filterItems, NO_FILTERS, type ReviewFilters } from '../../renderer/review/review-store';

// The queue's filtering is pure; its store's module also holds the calls to the back end, not used here.
vi.mock('../../renderer/api/api', () => ({ api: {} }));

function item(sampleId: number, fields: Partial<ReviewQueueItem>): ReviewQueueItem {
  return {
    sampleId,
    displayName: `s${sampleId}.wav`,
    severity: 0.5,
    labelerIds: [1, 2],
    types: {},
    classIds: [],
    tags: [],
    guidelineVersions: [1],
    pairs: ['1:2'],
    decision: null,
    ...fields,
  };
}

describe('review filters shown are the filters applied', () => {
  // After a guideline revision every sample was relabeled under v2, and none is "casing" any more.
  const queue = [
    item(1, { types: { substitution: 1 }, guidelineVersions: [2], tags: ['noisy'] }),
    item(2, { types: { filler: 2 }, guidelineVersions: [2] }),
    item(3, { types: { substitution: 1, missing_words: 1 }, guidelineVersions: [2] }),
    item(4, { types: { punctuation: 1 }, guidelineVersions: [2] }),
  ];
  const chosenBefore: ReviewFilters = { ...NO_FILTERS, type: 'casing', version: 1 };

  it('drops a type and a version the queue no longer offers, so the queue shows every sample', () => {
    expect(filterItems(queue, chosenBefore)).toEqual([]); // what the screen showed: "0 of 4 samples", every menu reading "any"
    const shown = shownFilters(chosenBefore, filterChoices(queue));
    expect(shown).toEqual(NO_FILTERS);
    expect(filterItems(queue, shown).map((i) => i.sampleId)).toEqual([1, 2, 3, 4]);
  });

  it('keeps every filter the queue still offers', () => {
    const chosen: ReviewFilters = { type: 'substitution', classId: null, tag: 'noisy', pair: '1:2', version: 2, undecidedOnly: true };
    const shown = shownFilters(chosen, filterChoices(queue));
    expect(sameFilters(shown, chosen)).toBe(true);
    expect(filterItems(queue, shown).map((i) => i.sampleId)).toEqual([1]);
  });
});
