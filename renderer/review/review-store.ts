import { create } from 'zustand';
import type { DisagreementType } from '../../shared/disagreement/types';
import type { ReviewQueueView, ReviewSample } from '../../shared/domain/gold';
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

/** Rows asked for at a time; more are fetched as the list scrolls. */
const PAGE = 100;

interface ReviewState {
  /** The queue's first pages as far as the list has scrolled, filtered and ordered by the back end. */
  queue: ReviewQueueView | null;
  filters: ReviewFilters;
  selectedId: number | null;
  sample: ReviewSample | null;
  /** Labeler names replaced by "Labeler A, B, …" so the SME judges the work, not the person. */
  hideNames: boolean;
  error: string | null;
  load(): Promise<void>;
  /** Fetches the page after those loaded (the list scrolled near its end). */
  loadMore(): Promise<void>;
  select(sampleId: number | null): Promise<void>;
  /** Re-reads the queue and the open sample (after a decision). */
  refresh(): Promise<void>;
  setFilters(change: Partial<ReviewFilters>): void;
  setHideNames(hide: boolean): void;
}

/** The first `limit` items of the queue under `filters`, or null when the filters changed meanwhile (a newer read is under way). */
async function firstItems(filters: ReviewFilters, limit: number, current: () => ReviewFilters): Promise<ReviewQueueView | null> {
  const queue = await api.call('review.queue', { filters, limit });
  return current() === filters ? queue : null;
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
      const queue = await firstItems(get().filters, PAGE, () => get().filters);
      if (!queue) return;
      // A sample chosen in another project (or already gone) is not this queue's.
      const stillThere = queue.items.some((item) => item.sampleId === get().selectedId);
      set({ queue, error: null, ...(stillThere ? {} : { selectedId: null, sample: null }) });
    } catch (error) {
      set({ error: error instanceof Error ? error.message : String(error) });
    }
  },

  async loadMore() {
    const { queue, filters } = get();
    if (!queue?.next || loadingMore.has(queue)) return;
    loadingMore.add(queue);
    try {
      const page = await api.call('review.queue', { filters, after: queue.next, limit: PAGE });
      // Filters changed or the queue was read again meanwhile: this page belongs to neither.
      if (get().queue === queue) set({ queue: { ...page, items: [...queue.items, ...page.items] } });
    } finally {
      loadingMore.delete(queue);
    }
  },

  async select(sampleId) {
    set({ selectedId: sampleId, sample: null });
    if (sampleId === null) return;
    const sample = await api.call('review.sample', { sampleId });
    if (get().selectedId === sampleId) set({ sample });
  },

  async refresh() {
    const { selectedId, queue: before } = get();
    // As many rows as the list had, so it does not jump back to the first page.
    const limit = Math.min(1000, Math.max(PAGE, before?.items.length ?? 0));
    const [queue, sample] = await Promise.all([
      firstItems(get().filters, limit, () => get().filters),
      selectedId === null ? null : api.call('review.sample', { sampleId: selectedId }),
    ]);
    set({ ...(queue ? { queue } : {}), sample: get().selectedId === selectedId ? sample : get().sample });
  },

  setFilters(change) {
    const filters = { ...get().filters, ...change };
    set({ filters });
    // The open sample stays open while the list narrows.
    firstItems(filters, PAGE, () => get().filters)
      .then((queue) => queue && set({ queue, error: null }))
      .catch((error: unknown) => set({ error: error instanceof Error ? error.message : String(error) }));
  },
  setHideNames: (hideNames) => set({ hideNames }),
}));

/** Queues whose next page is being fetched: a scroll asks once per page. */
const loadingMore = new WeakSet<ReviewQueueView>();
