import { create } from 'zustand';
import type { DisagreementType } from '../../shared/disagreement/types';
import type { ReviewQueueItem, ReviewQueueView, ReviewSample } from '../../shared/domain/gold';
import { api } from '../api/api';

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
  sample: ReviewSample | null;
  /** Labeler names replaced by "Labeler A, B, …" so the SME judges the work, not the person. */
  hideNames: boolean;
  error: string | null;
  load(): Promise<void>;
  select(sampleId: number | null): Promise<void>;
  /** Re-reads the queue and the open sample (after a decision). */
  refresh(): Promise<void>;
  setFilters(change: Partial<ReviewFilters>): void;
  setHideNames(hide: boolean): void;
}

export const useReviewStore = create<ReviewState>((set, get) => ({
  queue: null,
  filters: NO_FILTERS,
  selectedId: null,
  sample: null,
  hideNames: false,
  error: null,

  async load() {
    try {
      const queue = await api.call('review.queue', {});
      // A sample chosen in another project (or already gone) is not this queue's.
      const stillThere = queue.items.some((item) => item.sampleId === get().selectedId);
      set({ queue, error: null, ...(stillThere ? {} : { selectedId: null, sample: null }) });
    } catch (error) {
      set({ error: error instanceof Error ? error.message : String(error) });
    }
  },

  async select(sampleId) {
    set({ selectedId: sampleId, sample: null });
    if (sampleId === null) return;
    const sample = await api.call('review.sample', { sampleId });
    if (get().selectedId === sampleId) set({ sample });
  },

  async refresh() {
    const { selectedId } = get();
    const [queue, sample] = await Promise.all([api.call('review.queue', {}), selectedId === null ? null : api.call('review.sample', { sampleId: selectedId })]);
    set({ queue, sample: get().selectedId === selectedId ? sample : get().sample });
  },

  setFilters: (change) => set((s) => ({ filters: { ...s.filters, ...change } })),
  setHideNames: (hideNames) => set({ hideNames }),
}));

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
