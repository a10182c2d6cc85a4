import { create } from 'zustand';
import type { DisagreementType } from '../../shared/disagreement/types';
import type { ReviewQueueItem, ReviewQueueView } from '../../shared/domain/gold';
import { api } from '../api/api';
import { QueryState } from '../api/query-state';
import { endSessionIfRefused, reportError } from '../stores/notices';

/** What the SME narrows the queue to; `null` = any. */
export interface ReviewFilters {
  type: DisagreementType | null;
  classId: number | null;
  tag: string | null;
  /** `a:b`, lower labeler id first. */
  pair: string | null;
  version: number | null;
  /** Hide samples that already have a decision. */
  undecidedOnly: boolean;
}

export const NO_FILTERS: ReviewFilters = { type: null, classId: null, tag: null, pair: null, version: null, undecidedOnly: false };

interface ReviewState {
  queue: ReviewQueueView | null;
  filters: ReviewFilters;
  selectedId: number | null;
  /** Labeler names replaced by "Labeler A, B, …" so the SME judges the work, not the person. */
  hideNames: boolean;
  /** Why the queue could not be read, while none is on screen. */
  error: string | null;
  /** Reads the queue (again, after a decision); resolves once it is in. */
  load(): Promise<void>;
  select(sampleId: number | null): void;
  setFilters(change: Partial<ReviewFilters>): void;
  setHideNames(hide: boolean): void;
}

/**
 * The queue is read by the whole screen (the list and its filters, the chosen sample's row,
 * auto-accept), so the store holds it, loaded by the rule `useQuery` follows: only the newest
 * load's answer is taken, and an error clears when a later load succeeds. A failure with a queue
 * on screen is a notice; one with none takes the screen's place.
 */
const queueQuery = new QueryState<ReviewQueueView>({
  keepPrevious: true,
  onError: (error) => (queueQuery.snapshot().data ? reportError : endSessionIfRefused)(error),
});

export const useReviewStore = create<ReviewState>((set, get) => {
  queueQuery.subscribe(() => {
    const { data, error } = queueQuery.snapshot();
    if (!data) return set({ queue: null, error: error?.message ?? null });
    // A sample chosen in another project (or already gone) is not this queue's.
    const stillThere = data.items.some((item) => item.sampleId === get().selectedId);
    set({ queue: data, error: null, ...(stillThere ? {} : { selectedId: null }) });
  });

  return {
    queue: null,
    filters: NO_FILTERS,
    selectedId: null,
    hideNames: false,
    error: null,
    load: () => queueQuery.load('review.queue', () => api.call('review.queue', {})),
    select: (selectedId) => set({ selectedId }),
    setFilters: (change) => set((s) => ({ filters: { ...s.filters, ...change } })),
    setHideNames: (hideNames) => set({ hideNames }),
  };
});

/** The queue items the filters let through, in queue order. */
export function filterItems(items: readonly ReviewQueueItem[], filters: ReviewFilters): ReviewQueueItem[] {
  return items.filter(
    (item) =>
      (filters.type === null || (item.types[filters.type] ?? 0) > 0) &&
      (filters.classId === null || item.classIds.includes(filters.classId)) &&
      (filters.tag === null || item.tags.includes(filters.tag)) &&
      (filters.pair === null || item.pairs.includes(filters.pair)) &&
      (filters.version === null || item.guidelineVersions.includes(filters.version)) &&
      (!filters.undecidedOnly || item.decision === null),
  );
}
