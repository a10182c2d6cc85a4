import { ApiError } from '../../shared/api/errors';

/**
 * What an autosaver tells the person editing. `revision` is always the newest one the back end
 * confirmed (or the one the content was loaded at): a status says `saved` only once the back end
 * confirmed exactly the content on screen.
 */
export type AutosaveStatus =
  /** Nothing changed since the content was loaded. */
  | { phase: 'idle'; revision: number | null }
  /** Edits the back end has not confirmed yet (a save may be on its way). */
  | { phase: 'dirty'; revision: number | null }
  | { phase: 'saving'; revision: number | null }
  | { phase: 'saved'; revision: number | null }
  /** Someone saved a newer revision elsewhere: autosave stopped so as not to overwrite it. */
  | { phase: 'conflict'; revision: number | null; message: string }
  /**
   * The last save failed; the next edit or flush tries again. `refused`: the back end said no for
   * a reason sending again will not change (the sample was reassigned away, say): the edits stay
   * on screen, to be copied or discarded, and are not sent again by themselves.
   */
  | { phase: 'error'; revision: number | null; message: string; refused?: boolean }
  /**
   * The back end cannot be reached: `waiting` edits are kept (none is confirmed) and sent,
   * based on `revision` as before, once it answers again; a retry is always scheduled.
   */
  | { phase: 'offline'; revision: number | null; waiting: number; message: string };

/** Time as an autosaver needs it; tests pass a clock they move by hand. */
export interface Clock {
  now(): number;
  setTimeout(run: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const systemClock: Clock = {
  now: () => performance.now(),
  setTimeout: (run, ms) => setTimeout(run, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

export interface AutosaverOptions<C, R extends { revision: number | null }> {
  /** The content as loaded, and the revision the back end holds it at (`null`: nothing saved yet). */
  content: C;
  revision: number | null;
  /** Sends `content` as the successor of `baseRevision`; the back end refuses it if that is no longer the newest. */
  save(content: C, baseRevision: number | null): Promise<R>;
  /** Hears of every confirmed save (never after `dispose`). */
  onSaved?(result: R, content: C): void;
  /** Whether two contents are the same (`Object.is` by default). */
  same?(a: C, b: C): boolean;
  /** Whether a failed save means "someone else saved meanwhile" (an API `conflict` by default). */
  isConflict?(error: unknown): boolean;
  /** Whether a failed save means "the back end could not be reached" (an API `unavailable` by default). */
  isUnreachable?(error: unknown): boolean;
  /** Whether a failed save was refused for good (by default an API `failed_precondition`, `forbidden` or `not_found`). */
  isRefused?(error: unknown): boolean;
  /** While the back end cannot be reached, a save is tried again this often (default 2 s). */
  retryMs?: number;
  /** Saves this long after the last change, so a burst of changes is one save... */
  delayMs: number;
  /** ...but never later than this after the first unsaved change, so steady typing is saved as it goes. */
  maxWaitMs: number;
  clock?: Clock;
}

const isApiConflict = (error: unknown) => error instanceof ApiError && error.code === 'conflict';
const isApiUnavailable = (error: unknown) => error instanceof ApiError && error.code === 'unavailable';
const REFUSALS: ReadonlySet<string> = new Set(['failed_precondition', 'forbidden', 'not_found']);
const isApiRefusal = (error: unknown) => error instanceof ApiError && REFUSALS.has(error.code);
const DEFAULT_RETRY_MS = 2000;
const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

/**
 * Saves one piece of content (a label, a guideline draft) as it is edited: debounced, with a
 * maximum wait, one save in flight at a time (changes made meanwhile go together into the next),
 * each save based on the revision the previous one returned.
 *
 * @example
 * const saver = new Autosaver({ content: '', revision: 0, delayMs: 600, maxWaitMs: 3000,
 *   save: (bodyMd, baseRevision) => api.call('guidelines.saveDraft', { bodyMd, baseRevision }) });
 * saver.subscribe((status) => render(status));
 * saver.change('# Rules');
 * await saver.flush(); // before publishing
 */
export class Autosaver<C, R extends { revision: number | null }> {
  private latest: C;
  private confirmed: C;
  private revision: number | null;
  private current: AutosaveStatus;
  private timer: unknown = null;
  /** When the oldest change not yet sent was made. */
  private unsavedSince: number | null = null;
  /** The save in flight; it never rejects (failures reach the status and whoever started the save). */
  private inFlight: Promise<void> | null = null;
  private conflict: unknown = null;
  private savedOnce = false;
  private disposed = false;
  /** The last save could not reach the back end: saves go on being tried, and the status stays `offline` meanwhile. */
  private offline = false;
  /** Edits made since the content the back end confirmed, and how many of them the save in flight carries. */
  private unconfirmedEdits = 0;
  private editsInFlight = 0;
  private readonly listeners = new Set<(status: AutosaveStatus) => void>();
  private readonly clock: Clock;
  private readonly same: (a: C, b: C) => boolean;
  private readonly isConflict: (error: unknown) => boolean;
  private readonly isUnreachable: (error: unknown) => boolean;
  private readonly isRefused: (error: unknown) => boolean;

  constructor(private readonly options: AutosaverOptions<C, R>) {
    this.latest = options.content;
    this.confirmed = options.content;
    this.revision = options.revision;
    this.current = { phase: 'idle', revision: options.revision };
    this.clock = options.clock ?? systemClock;
    this.same = options.same ?? Object.is;
    this.isConflict = options.isConflict ?? isApiConflict;
    this.isUnreachable = options.isUnreachable ?? isApiUnavailable;
    this.isRefused = options.isRefused ?? isApiRefusal;
  }

  get status(): AutosaveStatus {
    return this.current;
  }

  /** The content as last changed, confirmed or not (what is kept while the back end cannot be reached). */
  get latestContent(): C {
    return this.latest;
  }

  /** Calls `listener` with every new status; returns the way to stop. */
  subscribe(listener: (status: AutosaveStatus) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Takes the content as it now is and schedules its save. After a conflict nothing is sent. */
  change(content: C): void {
    if (this.disposed) return;
    this.latest = content;
    if (this.conflict) return;
    if (this.same(content, this.confirmed)) {
      // Back to what the back end holds (an undo): nothing to save, unless a save in flight sends something else.
      this.cancelTimer();
      this.unsavedSince = null;
      this.unconfirmedEdits = 0;
      if (!this.inFlight) {
        this.offline = false;
        this.setStatus({ phase: this.savedOnce ? 'saved' : 'idle', revision: this.revision });
      }
      return;
    }
    const now = this.clock.now();
    this.unsavedSince ??= now;
    this.unconfirmedEdits++;
    if (this.offline) this.setStatus(this.offlineStatus(this.current.phase === 'offline' ? this.current.message : ''));
    else if (this.current.phase !== 'saving') this.setStatus({ phase: 'dirty', revision: this.revision });
    this.cancelTimer();
    const wait = Math.max(0, Math.min(this.options.delayMs, this.unsavedSince + this.options.maxWaitMs - now));
    this.timer = this.clock.setTimeout(() => this.due(), wait);
  }

  /**
   * Saves what is unsaved now and resolves once the back end confirmed it (before navigating,
   * submitting, publishing). Rejects with the reason a save failed, or with the conflict.
   */
  async flush(): Promise<void> {
    this.cancelTimer();
    while (!this.disposed) {
      if (this.inFlight) {
        await this.inFlight;
        continue;
      }
      if (this.conflict) throw this.conflict;
      if (this.same(this.latest, this.confirmed)) return;
      await this.startSave();
    }
  }

  /** The back end answers again (its event stream reconnected): a save waiting for it is tried now, not at the next retry. */
  retryNow(): void {
    if (this.disposed || !this.offline || this.inFlight) return;
    this.cancelTimer();
    this.due();
  }

  /** Stops for good: no more saves start, and answers still on their way are ignored. */
  dispose(): void {
    this.disposed = true;
    this.cancelTimer();
    this.listeners.clear();
  }

  private due(): void {
    this.timer = null;
    if (this.inFlight) return; // saved as soon as the one in flight is answered
    if (this.same(this.latest, this.confirmed)) return;
    this.startSave().catch(() => undefined); // the status says what failed
  }

  private startSave(): Promise<void> {
    const content = this.latest;
    const base = this.revision;
    // This save takes every change so far: a wait still running for them is over.
    this.cancelTimer();
    this.unsavedSince = null;
    this.editsInFlight = this.unconfirmedEdits;
    // While offline each try is quiet: the status keeps saying what is waiting, not "saving".
    if (!this.offline) this.setStatus({ phase: 'saving', revision: base });
    const saving = new Promise<R>((resolve) => resolve(this.options.save(content, base))).then(
      (result) => this.confirm(content, result),
      (error: unknown) => {
        this.fail(error);
        throw error;
      },
    );
    this.inFlight = saving
      .catch(() => undefined)
      .then(() => {
        this.inFlight = null;
        // Changes made meanwhile whose wait is over (no timer left) go now, unless the save failed.
        const due = this.timer === null && !this.disposed && !this.conflict && this.current.phase !== 'error' && !this.offline;
        if (due && !this.same(this.latest, this.confirmed)) this.startSave().catch(() => undefined);
      });
    return saving;
  }

  private confirm(content: C, result: R): void {
    if (this.disposed) return;
    this.confirmed = content;
    this.revision = result.revision;
    this.savedOnce = true;
    this.offline = false;
    this.unconfirmedEdits = this.same(this.latest, content) ? 0 : Math.max(1, this.unconfirmedEdits - this.editsInFlight);
    this.options.onSaved?.(result, content);
    this.setStatus({ phase: this.same(this.latest, content) ? 'saved' : 'dirty', revision: this.revision });
  }

  private fail(error: unknown): void {
    if (this.disposed) return;
    if (this.isUnreachable(error)) {
      this.offline = true;
      this.setStatus(this.offlineStatus(messageOf(error)));
      // Tried again until the back end answers; an edit meanwhile tries sooner.
      if (this.timer === null) this.timer = this.clock.setTimeout(() => this.due(), this.options.retryMs ?? DEFAULT_RETRY_MS);
      return;
    }
    this.offline = false;
    if (this.isConflict(error)) {
      this.conflict = error;
      this.cancelTimer();
      this.setStatus({ phase: 'conflict', revision: this.revision, message: messageOf(error) });
    } else {
      const refused = this.isRefused(error);
      this.setStatus({ phase: 'error', revision: this.revision, message: messageOf(error), ...(refused ? { refused } : {}) });
    }
  }

  private offlineStatus(message: string): AutosaveStatus {
    return { phase: 'offline', revision: this.revision, waiting: Math.max(1, this.unconfirmedEdits), message };
  }

  private cancelTimer(): void {
    if (this.timer !== null) this.clock.clearTimeout(this.timer);
    this.timer = null;
  }

  private setStatus(status: AutosaveStatus): void {
    this.current = status;
    for (const listener of this.listeners) listener(status);
  }
}
