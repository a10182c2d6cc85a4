import { ApiError, type ApiErrorCode } from '../../shared/api/errors';
import type { EventName } from '../../shared/api/events';

/** Why a load failed, in the host's words: its error code and its plain message. */
export interface QueryFailure {
  code: ApiErrorCode;
  message: string;
}

/** What a screen sees of one query. */
export interface QueryView<T> {
  /** The arguments (as a key) this view is about; null before the first load. */
  key: string | null;
  /** The last good answer for the current arguments (or, with `keepPrevious`, for earlier ones). */
  data: T | undefined;
  /** Why the latest load failed; cleared when a later load succeeds or the arguments change. */
  error: QueryFailure | null;
  /** True while a load is on its way. */
  loading: boolean;
}

export interface QueryStateOptions {
  /** Keep showing the answer for the previous arguments while the new ones load (a list being paged). */
  keepPrevious?: boolean;
  /** Called with every failure as it happens (the renderer ends a refused session there). */
  onError?(error: unknown): void;
}

/** Where server events come from: the API client's `on`. */
export interface EventFeed {
  on(name: EventName, listener: () => void): () => void;
}

const IDLE: QueryView<never> = { key: null, data: undefined, error: null, loading: false };

/**
 * One query's state, kept apart from React so its rules can be tested on their own
 * (`useQuery` wraps it). Each load gets a number; only the answer of the latest load is
 * taken, so an answer for earlier arguments, or one that arrives after `cancel()`, is
 * dropped however late it comes. A refresh asked while a load is on its way runs once more
 * after it: a burst of server events costs at most two loads.
 *
 * @example
 * const query = new QueryState<DatasetDiff>();
 * query.load('{"from":1,"to":2}', () => api.call('datasets.compare', { from: 1, to: 2 }));
 * query.load('{"from":3,"to":2}', () => api.call('datasets.compare', { from: 3, to: 2 })); // the first answer is dropped
 */
export class QueryState<T> {
  private view: QueryView<T> = IDLE;
  private run: (() => Promise<T>) | null = null;
  /** Number of the latest load; answers of any other number are stale. */
  private latest = 0;
  private inFlight = false;
  private refreshAgain = false;
  /** Callers of `refresh()` waiting for the load that answers them. */
  private waiting: Array<() => void> = [];
  private readonly listeners = new Set<() => void>();

  constructor(private readonly options: QueryStateOptions = {}) {}

  /** The current view; the same object until something changes (what `useSyncExternalStore` needs). */
  readonly snapshot = (): QueryView<T> => this.view;

  /** Calls `listener` after every change of the view; returns the unsubscribe. */
  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /**
   * Loads for `key` with `run`, dropping whatever earlier load is on its way. New arguments
   * clear the error, and the data too unless `keepPrevious`: a screen never shows an answer
   * to a question it no longer asks as if it were the answer to the new one. Resolves once
   * this load is answered (or dropped); what it found is in the view.
   */
  load(key: string, run: () => Promise<T>): Promise<void> {
    this.run = run;
    this.refreshAgain = false;
    if (key !== this.view.key) this.view = { key, data: this.options.keepPrevious ? this.view.data : undefined, error: null, loading: false };
    this.start();
    return this.settled();
  }

  /** Loads the current arguments again (after a write, or on a server event), keeping the data meanwhile. */
  readonly refresh = (): Promise<void> => {
    if (!this.run) return Promise.resolve();
    if (this.inFlight) {
      this.refreshAgain = true;
      return this.settled();
    }
    this.start();
    return this.settled();
  };

  /** Refreshes whenever one of `events` arrives from `source`; returns the unsubscribe. */
  refreshOn(source: EventFeed, events: readonly EventName[]): () => void {
    const offs = events.map((name) => source.on(name, () => void this.refresh()));
    return () => offs.forEach((off) => off());
  }

  /** Drops the answer of any load on its way (the screen went away, or stopped asking). */
  cancel(): void {
    this.latest++;
    this.inFlight = false;
    this.refreshAgain = false;
    this.settle();
    if (this.view.loading) this.set({ ...this.view, loading: false });
  }

  /** Forgets the arguments and everything loaded for them (the query was switched off). */
  clear(): void {
    this.cancel();
    this.run = null;
    if (this.view !== IDLE) this.set(IDLE);
  }

  private settled(): Promise<void> {
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  private settle(): void {
    for (const resolve of this.waiting.splice(0)) resolve();
  }

  private start(): void {
    const id = ++this.latest;
    const run = this.run!;
    this.inFlight = true;
    this.set({ ...this.view, loading: true });
    run().then(
      (data) => id === this.latest && this.finish({ key: this.view.key, data, error: null, loading: false }),
      (error: unknown) => {
        if (id !== this.latest) return;
        this.options.onError?.(error);
        this.finish({ ...this.view, error: toFailure(error), loading: false });
      },
    );
  }

  private finish(next: QueryView<T>): void {
    this.inFlight = false;
    if (this.refreshAgain) {
      // Show what arrived, but stay loading: something changed while it was on its way.
      this.refreshAgain = false;
      this.set({ ...next, loading: true });
      this.start();
      return;
    }
    this.set(next);
    this.settle();
  }

  private set(next: QueryView<T>): void {
    this.view = next;
    for (const listener of this.listeners) listener();
  }
}

/** Any thrown value as a failure to show: the host's code and message, or the plain message of anything else. */
export function toFailure(error: unknown): QueryFailure {
  if (error instanceof ApiError) return { code: error.code, message: error.message };
  return { code: 'internal', message: error instanceof Error ? error.message : String(error) };
}
