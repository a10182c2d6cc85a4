import { emptyPayload } from '../../shared/annotation/empty-payload';
import { annotationPayloadSchema, type AnnotationPayload } from '../../shared/annotation/payload';
import type { QueueStatus } from '../../shared/domain/annotation';
import { itemAt, type QueueWindow } from '../../shared/domain/queue-window';
import type { ProjectKind } from '../../shared/domain/project';
import type { Sample } from '../../shared/domain/sample';
import { Autosaver, type AutosaveStatus, type Clock } from '../autosave/autosaver';
import { UnsentEdits, type UnsentEdit } from '../autosave/unsent-edits';
import { record, redo, startHistory, undo, type History } from '../editors/history';
import { samePayload } from '../../shared/annotation/same-payload';
import { ApiError } from '../../shared/api/errors';
import { KeptEditsSender } from './kept-edits-sender';
import type { KeptLabel, LabelSource, OpenedSample, SavedLabel } from './label-source';

/** Edits are saved this long after the last one, so a burst of edits is one save. */
export const AUTOSAVE_DELAY_MS = 300;
/** ...but never later than this after the first unsaved edit, so steady typing is saved as it goes. */
export const AUTOSAVE_MAX_WAIT_MS = 1000;
/** The window on the queue is read anew when the sample shown comes this close to its edge. */
const WINDOW_MARGIN = 6;

export interface CurrentSample {
  sample: Sample;
  history: History<AnnotationPayload>;
  status: QueueStatus;
  /** The source of the model's label the labeler was offered on this sample; null when they work without one. */
  prelabelSource?: string | null;
  /** How sure the model was of that label, 0–1, when it said. */
  prelabelConfidence?: number | null;
}

/** What the label store shows: the session's window on its queue, the sample on screen and whether its work is saved. */
export interface LabelData {
  source: LabelSource | null;
  kind: ProjectKind;
  /** The items around the sample on screen, and the whole queue's length and counts. */
  queue: QueueWindow;
  /**
   * The position of `current` in the whole queue. Both change together, when the sample has
   * arrived (or failed to): keys and the status bar never act on one sample under another's
   * position.
   */
  index: number;
  current: CurrentSample | null;
  loadError: string | null;
  /** The autosave status of the sample on screen. */
  save: AutosaveStatus;
  /** Why an action on a sample failed, in plain words, kept with that sample: showing another one clears it. */
  problem: { sampleId: number; text: string } | null;
}

export const EMPTY_QUEUE: QueueWindow = { start: 0, items: [], total: 0, counts: { todo: 0, draft: 0, submitted: 0 }, position: 0 };

export const NO_LABEL_DATA: Omit<LabelData, 'kind'> = {
  source: null,
  queue: EMPTY_QUEUE,
  index: 0,
  current: null,
  loadError: null,
  save: { phase: 'idle', revision: null },
  problem: null,
};

/** Measures the time a labeler actively spends on the sample shown (see `ActiveTime`). */
export interface TimeMeter {
  take(): number;
  giveBack(ms: number): void;
  dispose(): void;
}

/** How a session reaches the store it shows its work in. */
export interface LabelStoreAccess {
  get(): LabelData;
  set(change: Partial<LabelData> | ((state: LabelData) => Partial<LabelData>)): void;
}

export interface LabelSessionDeps {
  meterTime: () => TimeMeter;
  clock: Clock;
  /** Where edits the back end could not be reached for are kept (the window's session storage; none in tests that do not ask). */
  unsentStorage?: Storage | null;
  /**
   * Resolves once the queue just read is on screen (the app: after the next painted frame): the
   * first sample's requests wait for it, so the labeler sees their queue first (none: no wait).
   */
  queueShown?: () => Promise<void>;
}

type Edit = (payload: AnnotationPayload) => AnnotationPayload;

/**
 * A labeler types ahead: keys pressed while the next sample loads are meant for it. Edits
 * made meanwhile wait here and are applied, in order, to the sample once it is shown;
 * queue actions (submit, next) wait for the load to finish.
 */
type HeldEdits = Array<{ change: Edit; mergeKey: string | undefined }>;

type LabelContent = KeptLabel;

const sameContent = (a: LabelContent, b: LabelContent) => a.payload === b.payload && a.status === b.status;
/** A submitted label stays submitted when edited again; anything else is saved as a draft. */
const finality = (status: QueueStatus): LabelContent['status'] => (status === 'submitted' ? 'submitted' : 'draft');
const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));
const isUnreachable = (error: unknown) => error instanceof ApiError && error.code === 'unavailable';
/** A move while the back end cannot be reached is refused in place: the sample and its kept edits stay on screen. */
const OFFLINE_MOVE = 'You are offline: another sample opens once the server answers again. Your edits here are kept and will be sent.';

/**
 * One editing session (a labeler's queue in a project, or a gold label under review), from
 * `begin` to `close`: its loads, its moves, the autosaver of the sample on screen and its time
 * meter all belong to it. Once closed, nothing it started touches the store again.
 */
export class LabelSession {
  private readonly activeTime: TimeMeter;
  /** The newest load: an answer to any other (an earlier move) is dropped. */
  private loadToken = 0;
  private loading: Promise<void> | null = null;
  /** Edits for the sample the newest move will show. */
  private holding: HeldEdits = [];
  /** Saves the sample on screen; a new one per sample shown. */
  private saver: Autosaver<LabelContent, SavedLabel> | null = null;
  private closed = false;
  /** Edits kept in this window while the back end cannot be reached (sources that say where). */
  private readonly unsent: UnsentEdits<LabelContent> | null;
  /** Sends the kept edits of every other sample once the back end answers. */
  private readonly keptSender: KeptEditsSender | null;

  constructor(
    readonly source: LabelSource,
    readonly kind: ProjectKind,
    private readonly store: LabelStoreAccess,
    private readonly deps: LabelSessionDeps,
  ) {
    this.activeTime = deps.meterTime();
    this.unsent = source.unsentScope && deps.unsentStorage ? new UnsentEdits(deps.unsentStorage, source.unsentScope) : null;
    this.keptSender = this.unsent && new KeptEditsSender(source, this.unsent, deps.clock, () => this.store.get().current?.sample.id);
  }

  /** Reads the queue around its first sample not yet submitted, and shows that sample. */
  async begin(): Promise<void> {
    const queue = await this.source.queue(null);
    if (this.closed) return;
    this.set({ ...NO_LABEL_DATA, source: this.source, kind: this.kind, queue });
    await this.deps.queueShown?.();
    if (this.closed) return;
    if (queue.total > 0) await this.open(queue.position);
    void this.keptSender?.send();
  }

  /**
   * The back end is known to answer again (its event stream reconnected): what waits for it is
   * sent now rather than at the next retry.
   */
  hostAnswers(): void {
    if (this.closed) return;
    this.saver?.retryNow();
    void this.keptSender?.send();
  }

  /**
   * Ends the session: its loads and saves still on their way land nowhere, and no timer is
   * left. Unsaved work is still sent; the promise rejects if that fails.
   */
  async close(): Promise<void> {
    this.closed = true;
    this.loadToken++;
    this.holding = [];
    this.keptSender?.stop();
    const saver = this.saver;
    this.saver = null;
    try {
      await saver?.flush();
    } finally {
      saver?.dispose();
      this.activeTime.dispose();
    }
  }

  open(index: number): Promise<void> {
    return this.transition((held) => this.show(index, held));
  }

  next(): Promise<void> {
    return this.transition((held) => this.show(Math.min(this.store.get().index + 1, this.store.get().queue.total - 1), held));
  }

  previous(): Promise<void> {
    return this.transition((held) => this.show(Math.max(this.store.get().index - 1, 0), held));
  }

  /** Marks the sample final (with its pending edits) and moves on to the next one. */
  submit(): Promise<void> {
    return this.transition(async (held) => {
      const { current } = this.store.get();
      const saver = this.saver;
      if (!current || !saver || this.source.readOnly) return;
      // If this fails, the status says so (Retry sends the submission again); edits made after it are drafts.
      saver.change({ payload: current.history.present, status: 'submitted' });
      await saver.flush();
      const { index, queue } = this.store.get();
      if (index < queue.total - 1) await this.show(index + 1, held);
    });
  }

  /** Shows the sample as the back end now holds it, dropping what could not be saved (after a conflict). */
  reload(): Promise<void> {
    return this.transition((held) => {
      this.saver?.dispose();
      this.saver = null;
      const shown = this.store.get().current?.sample.id;
      if (shown !== undefined) this.unsent?.drop(shown);
      return this.show(this.store.get().index, held);
    });
  }

  /** Applies an edit: a new payload from the present one, as one undo step. */
  edit(change: Edit, mergeKey?: string): void {
    // An edit the back end would refuse is not made at all, rather than shown and then lost.
    if (this.closed || this.source.readOnly) return;
    if (this.loading) {
      this.holding.push({ change, mergeKey });
      return;
    }
    const current = this.store.get().current;
    // Before this session showed a sample, what is on screen is not its to change.
    if (!current || !this.saver) return;
    const next = change(current.history.present);
    if (next === current.history.present) return;
    this.changeHistory(current, record(current.history, next, mergeKey));
  }

  undo(): void {
    const current = this.store.get().current;
    if (this.saver && current && current.history.past.length > 0) this.changeHistory(current, undo(current.history));
  }

  redo(): void {
    const current = this.store.get().current;
    if (this.saver && current && current.history.future.length > 0) this.changeHistory(current, redo(current.history));
  }

  /** Saves pending edits now (before navigating, closing, leaving the page). */
  async flush(): Promise<void> {
    await this.saver?.flush();
  }

  private set(change: Partial<LabelData> | ((state: LabelData) => Partial<LabelData>)): void {
    if (!this.closed) this.store.set(change);
  }

  private changeHistory(current: CurrentSample, history: History<AnnotationPayload>): void {
    this.set({ current: { ...current, history } });
    this.saver?.change({ payload: history.present, status: finality(current.status) });
  }

  /** Runs a move through the queue after any move under way; from now on, edits wait for its sample. */
  private transition(work: (held: HeldEdits) => Promise<void>): Promise<void> {
    if (this.closed) return Promise.resolve();
    const held: HeldEdits = [];
    this.holding = held;
    const run = (this.loading ?? Promise.resolve()).then(() => work(held));
    const settled = run.catch(() => undefined);
    this.loading = settled;
    return run.finally(() => {
      if (this.loading === settled) this.loading = null;
    });
  }

  /**
   * Saves the sample being left, loads the one at `index`, then shows it at its position
   * with what was typed meanwhile. Until it arrives the previous sample stays on screen,
   * position included.
   */
  private async show(index: number, held: HeldEdits): Promise<void> {
    if (this.closed || index < 0 || index >= this.store.get().queue.total) return;
    if (this.saver?.status.phase === 'offline') throw new ApiError('unavailable', OFFLINE_MOVE);
    await this.flush();
    if (this.closed) return;
    const token = ++this.loadToken;
    try {
      const item = await this.itemAt(index, token);
      if (!item || token !== this.loadToken) return;
      const opened = await this.source.load(item.sampleId);
      if (token !== this.loadToken) return;
      this.activeTime.take(); // time before the sample was shown belongs to no sample
      this.showSample(index, opened, held);
    } catch (error) {
      if (token !== this.loadToken) return;
      held.splice(0); // typed for a sample that cannot be shown
      // Out of reach: the sample on screen stays, rather than a screen that waits for nothing.
      if (isUnreachable(error) && this.store.get().current) throw new ApiError('unavailable', OFFLINE_MOVE);
      this.replaceSaver(null);
      this.set({ index, current: null, loadError: messageOf(error), save: { phase: 'idle', revision: null }, problem: null });
    }
  }

  /**
   * The queue item at `index`, reading the window around it when the one held does not reach it
   * or `index` nears its edge (the samples after it are fetched ahead, and the list shows them).
   */
  private async itemAt(index: number, token: number): Promise<QueueWindow['items'][number] | undefined> {
    const window = this.store.get().queue;
    const held = itemAt(window, index);
    const end = window.start + window.items.length;
    const nearEdge = (index + WINDOW_MARGIN >= end && end < window.total) || (index - WINDOW_MARGIN < window.start && window.start > 0);
    if (held && !nearEdge) return held;
    const queue = await this.source.queue(index);
    if (token !== this.loadToken) return undefined;
    this.set({ queue });
    return itemAt(queue, index);
  }

  private showSample(index: number, { sample, saved, prelabel }: OpenedSample, held: HeldEdits): void {
    // A model's label is a starting point only: it is saved once the labeler edits or submits it.
    const payload = saved?.payload ?? prelabel?.payload ?? emptyPayload(this.kind);
    const kept = this.keptEdits(sample.id);
    // Edits this window kept while the back end was out of reach come back as one undo step.
    let history = kept ? record(startHistory(payload), kept.content.payload) : startHistory(payload);
    for (const { change, mergeKey } of held.splice(0)) history = record(history, change(history.present), mergeKey);
    const status = saved?.status ?? 'todo';
    const saver = new Autosaver<LabelContent, SavedLabel>({
      content: { payload, status: finality(status) },
      // Sent on the revision they were made on: if another was saved since, that is a conflict, never overwritten.
      revision: kept ? kept.baseRevision : (saved?.revision ?? null),
      save: (content, baseRevision) => this.send(sample.id, content, baseRevision),
      onSaved: (view) => this.saved(sample.id, view),
      same: sameContent,
      delayMs: AUTOSAVE_DELAY_MS,
      maxWaitMs: AUTOSAVE_MAX_WAIT_MS,
      clock: this.deps.clock,
    });
    this.replaceSaver(saver);
    saver.subscribe((save) => {
      this.keepWhileUnreachable(sample.id, saver, save);
      this.set({ save });
    });
    // What went wrong on another sample (or this one, before) is not about the sample now shown.
    this.set({
      index,
      current: { sample, history, status, prelabelSource: prelabel?.source ?? null, prelabelConfidence: prelabel?.confidence ?? null },
      loadError: null,
      save: saver.status,
      problem: null,
    });
    if (history.present !== payload || kept) saver.change({ payload: history.present, status: kept?.content.status ?? finality(status) });
  }

  /** While the back end cannot be reached the unconfirmed edits are kept in the window; once it confirms them they go. */
  private keepWhileUnreachable(sampleId: number, saver: Autosaver<LabelContent, SavedLabel>, save: AutosaveStatus): void {
    if (save.phase === 'offline') this.unsent?.keep(sampleId, save.revision, saver.latestContent);
    else if (save.phase === 'saved' || save.phase === 'idle') {
      this.unsent?.drop(sampleId);
      // The back end answers again: other samples' kept edits (from another visit) go too.
      if (save.phase === 'saved') void this.keptSender?.send();
    }
  }

  /** The edits kept for a sample, when they are still a label this editor can show. */
  private keptEdits(sampleId: number): UnsentEdit<LabelContent> | null {
    const kept = this.unsent?.find(sampleId) ?? null;
    if (!kept) return null;
    const payload = annotationPayloadSchema.safeParse(kept.content.payload);
    if (!payload.success || (kept.content.status !== 'draft' && kept.content.status !== 'submitted')) {
      this.unsent?.drop(sampleId);
      return null;
    }
    return { baseRevision: kept.baseRevision, content: { payload: payload.data, status: kept.content.status } };
  }

  private replaceSaver(saver: Autosaver<LabelContent, SavedLabel> | null): void {
    this.saver?.dispose();
    this.saver = saver;
  }

  /** Sends a save with the active time gathered since the last one (given back if it fails). */
  private async send(sampleId: number, content: LabelContent, baseRevision: number | null): Promise<SavedLabel> {
    const timeSpentMs = this.activeTime.take();
    try {
      return await this.source.save(sampleId, content.payload, content.status, baseRevision, timeSpentMs);
    } catch (error) {
      this.activeTime.giveBack(timeSpentMs);
      const landed = error instanceof ApiError && error.code === 'conflict' ? await this.alreadySaved(sampleId, content) : null;
      if (landed) return landed;
      throw error;
    }
  }

  /**
   * After a conflict, the label the back end holds when it is exactly this content (an earlier
   * save of it landed, but its answer was lost with the connection): confirmed, not a conflict.
   */
  private async alreadySaved(sampleId: number, content: LabelContent): Promise<SavedLabel | null> {
    const now = await this.source.current?.(sampleId).catch(() => null);
    return now && now.status === content.status && samePayload(now.payload, content.payload) ? now : null;
  }

  private saved(sampleId: number, view: SavedLabel): void {
    this.set((s) => {
      if (s.current?.sample.id !== sampleId) return {};
      // A submission answers any relabel request for the sample.
      const before = s.queue.items.find((item) => item.sampleId === sampleId)?.status;
      const items = s.queue.items.map((item) =>
        item.sampleId === sampleId ? { ...item, status: view.status, relabel: view.status === 'submitted' ? undefined : item.relabel } : item,
      );
      const counts = { ...s.queue.counts };
      if (before !== undefined && before !== view.status) {
        counts[before]--;
        counts[view.status]++;
      }
      return { queue: { ...s.queue, items, counts }, current: { ...s.current, status: view.status } };
    });
  }
}
