import { create } from 'zustand';
import { NO_REVIEW_FILTERS, type ReviewFilters as QueueFilters } from '../../shared/disagreement/review-ledger';
import type { ReviewQueueView } from '../../shared/domain/gold';
import { api } from '../api/api';
import { QueryState } from '../api/query-state';
import { endSessionIfRefused, reportError } from '../stores/notices';
import { useProjectStore } from '../stores/project-store';

/** What the SME narrows the queue to (`null` = any), and whether decided samples are hidden. */
export interface ReviewFilters extends QueueFilters {
  undecidedOnly: boolean;
}

export const NO_FILTERS: ReviewFilters = { ...NO_REVIEW_FILTERS, undecidedOnly: false };

/** Rows asked for at a time; more are fetched as the list scrolls. */
const PAGE = 100;

interface ReviewState {
  /** The queue's first pages as far as the list has scrolled, filtered and ordered by the back end. */
  queue: ReviewQueueView | null;
  filters: ReviewFilters;
  selectedId: number | null;
  /** Labeler names replaced by "Labeler A, B, …" so the SME judges the work, not the person. */
  hideNames: boolean;
  /** Why the queue could not be read, while none is on screen. */
  error: string | null;
  /** Reads the queue (again, after a decision); resolves once it is in. */
  load(): Promise<void>;
  /** Reads the queue for the screen being shown, joining the read started ahead of its code if there is one. */
  open(): Promise<void>;
  /** Fetches the page after those loaded (the list scrolled near its end). */
  loadMore(): Promise<void>;
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
    // The chosen sample stays chosen when it is not among the rows loaded so far: the heatmap
    // opens samples from anywhere in the queue, and the sample view reads its sample by id.
    set({ queue: data, error: null });
  });

  // Queue, filters and choice are one project's: its sample and class ids mean nothing in another.
  // Entering one from none keeps what was read meanwhile: the queue read ahead for it (`readQueueAhead`).
  useProjectStore.subscribe((now, before) => {
    if (!before.project || now.project?.dir === before.project.dir) return;
    readAhead = null;
    queueQuery.clear();
    set({ queue: null, error: null, filters: NO_FILTERS, selectedId: null });
  });

  /** The queue's first `limit` items under the filters chosen now. */
  const read = (limit: number) => {
    const filters = get().filters;
    return queueQuery.load(JSON.stringify({ filters, limit }), () => api.call('review.queue', { filters, limit }));
  };

  return {
    queue: null,
    filters: NO_FILTERS,
    selectedId: null,
    hideNames: false,
    error: null,
    // Again after a decision: as many rows as the list had, so it does not jump back to the first page.
    load: () => read(Math.min(1000, Math.max(PAGE, get().queue?.items.length ?? 0))),
    open() {
      const ahead = readAhead;
      readAhead = null;
      return ahead ?? get().load();
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
    select: (selectedId) => set({ selectedId }),
    // The open sample stays open while the list narrows.
    setFilters(change) {
      set((s) => ({ filters: { ...s.filters, ...change } }));
      void read(PAGE);
    },
    setHideNames: (hideNames) => set({ hideNames }),
  };
});

/** The read `readQueueAhead` started, until the screen takes it or stops waiting for it. */
let readAhead: Promise<void> | null = null;

/**
 * Starts reading the queue while the Review area's code is still on its way, so the first row
 * waits for the slower of the two rather than for both in turn. Returns what drops the read if
 * the area is left before its screen took it: a screen shown later reads the queue afresh.
 * Asked twice before it is taken, it reads once.
 */
export function readQueueAhead(): () => void {
  const ahead = (readAhead ??= useReviewStore.getState().load());
  return () => {
    if (readAhead === ahead) readAhead = null;
  };
}

/** Queues whose next page is being fetched: a scroll asks once per page. */
const loadingMore = new WeakSet<ReviewQueueView>();
