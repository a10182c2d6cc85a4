import { describe, expect, it, vi } from 'vitest';
import type { DisagreementType } from '../../shared/disagreement/types';
import type { ReviewQueueView } from '../../shared/domain/gold';
import { filterChoices, sameFilters, shownFilters } from '../../renderer/review/review-filters';
import { NO_FILTERS, type ReviewFilters } from '../../renderer/review/review-store';

// The filters' rules are pure; the store's module also holds the calls to the back end, not used here.
vi.mock('../../renderer/api/api', () => ({ api: {} }));

/** What the back end says of the whole queue: which types, tags, pairs and versions its samples have. */
function queueOffering(types: Partial<Record<DisagreementType, number>>, facets: { tags: string[]; pairs: string[]; versions: number[] }) {
  const all = Object.values(types).reduce((sum, n) => sum + n, 0);
  const shares = Object.entries(types).map(([type, count]) => ({ type: type as DisagreementType, count, share: count / all }));
  return {
    shares: {
      overall: { key: 'all', total: all, shares },
      byClass: [],
      byTag: facets.tags.map((key) => ({ key, total: 1, shares })),
      byVersion: facets.versions.map((key) => ({ key, total: all, shares })),
    },
    facets: { pairs: facets.pairs, guidelineVersions: facets.versions, labelerIds: [1, 2] },
  } satisfies Pick<ReviewQueueView, 'shares' | 'facets'>;
}

describe('review filters shown are the filters applied', () => {
  // After a guideline revision every sample was relabeled under v2, and none is "casing" any more.
  const queue = queueOffering({ substitution: 2, filler: 1, missing_words: 1, punctuation: 1, casing: 0 }, { tags: ['noisy'], pairs: ['1:2'], versions: [2] });
  const chosenBefore: ReviewFilters = { ...NO_FILTERS, type: 'casing', version: 1 };

  it('drops a type and a version the queue no longer offers, so no hidden filter empties the queue', () => {
    expect(shownFilters(chosenBefore, filterChoices(queue))).toEqual(NO_FILTERS);
  });

  it('keeps every filter the queue still offers', () => {
    const chosen: ReviewFilters = { type: 'substitution', classId: null, tag: 'noisy', pair: '1:2', version: 2, undecidedOnly: true };
    expect(sameFilters(shownFilters(chosen, filterChoices(queue)), chosen)).toBe(true);
  });
});
