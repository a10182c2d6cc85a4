import type { DisagreementType } from '../../shared/disagreement/types';
import type { ReviewQueueView } from '../../shared/domain/gold';
import type { ReviewFilters } from './review-store';

/** What each filter can be set to: the values some sample in the queue has. */
export interface FilterChoices {
  types: ReadonlySet<DisagreementType>;
  classIds: ReadonlySet<number>;
  tags: ReadonlySet<string>;
  pairs: ReadonlySet<string>;
  versions: ReadonlySet<number>;
}

/** The values the whole queue's samples offer each filter (its shares and facets, not just the pages loaded). */
export function filterChoices(queue: Pick<ReviewQueueView, 'shares' | 'facets'>): FilterChoices {
  return {
    types: new Set(queue.shares.overall.shares.filter((share) => share.count > 0).map((share) => share.type)),
    classIds: new Set(queue.shares.byClass.map((group) => group.key)),
    tags: new Set(queue.shares.byTag.map((group) => group.key)),
    pairs: new Set(queue.facets.pairs),
    versions: new Set(queue.facets.guidelineVersions),
  };
}

/**
 * The filters as they can be shown: a value the queue no longer offers (a type every sample
 * lost after a guideline revision, a version no answer is under any more) is dropped, since a
 * menu cannot show it and it would hide every sample while every menu read "any".
 */
export function shownFilters(filters: ReviewFilters, choices: FilterChoices): ReviewFilters {
  const keep = <T>(value: T | null, offered: ReadonlySet<T>): T | null => (value !== null && offered.has(value) ? value : null);
  return {
    type: keep(filters.type, choices.types),
    classId: keep(filters.classId, choices.classIds),
    tag: keep(filters.tag, choices.tags),
    pair: keep(filters.pair, choices.pairs),
    version: keep(filters.version, choices.versions),
    undecidedOnly: filters.undecidedOnly,
  };
}

/** Whether two sets of filters are the same. */
export function sameFilters(a: ReviewFilters, b: ReviewFilters): boolean {
  return a.type === b.type && a.classId === b.classId && a.tag === b.tag && a.pair === b.pair && a.version === b.version && a.undecidedOnly === b.undecidedOnly;
}
