import { create } from 'zustand';
import { emptyPayload } from '../../shared/annotation/empty-payload';
import type { AnnotationPayload } from '../../shared/annotation/payload';
import { ApiError } from '../../shared/api/errors';
import type { QueueItem, QueueStatus } from '../../shared/domain/annotation';
import type { ProjectKind } from '../../shared/domain/project';
import type { Sample } from '../../shared/domain/sample';
import { record, redo, startHistory, undo, type History } from '../editors/history';
import { ActiveTime } from './active-time';
import type { LabelSource } from './label-source';

/** Edits are saved this long after the last one, so a burst of edits is one save. */
export const AUTOSAVE_DELAY_MS = 300;
/** ...but never later than this after the first unsaved edit, so steady typing is saved as it goes. */
export const AUTOSAVE_MAX_WAIT_MS = 1000;

export type SaveState = { phase: 'saved' | 'pending' | 'saving'; revision: number | null } | { phase: 'error'; revision: number | null; message: string };

export interface CurrentSample {
  sample: Sample;
  history: History<AnnotationPayload>;
  status: QueueStatus;
  /** The payload the back end holds (or the empty start, for a new sample), by identity: anything else is unsaved. */
  savedPayload: AnnotationPayload;
  savedRevision: number | null;
}

/** Measures the time a labeler actively spends on the sample shown (see `ActiveTime`). */
export interface TimeMeter {
  take(): number;
  giveBack(ms: number): void;
  dispose(): void;
}

export interface LabelState {
  source: LabelSource | null;
  kind: ProjectKind;
  queue: QueueItem[];
  /**
   * The position of `current` in the queue. Both change together, when the sample has
   * arrived (or failed to): keys and the status bar never act on one sample under another's
   * position.
   */
  index: number;
  current: CurrentSample | null;
  loadError: string | null;
  save: SaveState;
  start(source: LabelSource, kind: ProjectKind): Promise<void>;
  stop(): Promise<void>;
  open(index: number): Promise<void>;
  next(): Promise<void>;
  previous(): Promise<void>;
  /** Marks the sample final (after saving any pending edit) and moves on. */
  submit(): Promise<void>;
  /** Applies an edit: a new payload from the present one, as one undo step. */
  edit(change: (payload: AnnotationPayload) => AnnotationPayload, mergeKey?: string): void;
  undo(): void;
  redo(): void;
  /** Saves pending edits now (before navigating, closing, submitting). */
  flush(): Promise<void>;
}

/**
 * A labeler types ahead: keys pressed while the next sample loads are meant for it. Edits
 * made meanwhile wait here and are applied, in order, to the sample once it is shown;
 * queue actions (submit, next) wait for the load to finish.
 */
type HeldEdits = Array<{ change: (payload: AnnotationPayload) => AnnotationPayload; mergeKey: string | undefined }>;

/**
 * A label store: one editing session at a time (a labeler's queue, or a gold label under
 * review), from `start` to `stop`. `meterTime` measures active time per session (the app
 * watches input and page visibility; tests pass their own).
 */
export function createLabelStore(meterTime: () => TimeMeter) {
  let timer: ReturnType<typeof setTimeout> | null = null;
  /** When the oldest edit not yet sent was made. */
  let unsavedSince: number | null = null;
  let saving: Promise<void> | null = null;
  let activeTime: TimeMeter | null = null;
  /** The newest load: an answer to any other (an earlier move, an earlier session) is dropped. */
  let loadToken = 0;
  /** Which start() the store belongs to: a stop() or a late answer of an earlier one must not touch a later one. */
  let session = 0;
  let loading: Promise<void> | null = null;
  /** Edits for the sample the newest move will show. */
  let holding: HeldEdits = [];

  return create<LabelState>((set, get) => {
    function scheduleSave(): void {
      if (timer) clearTimeout(timer);
      const now = performance.now();
      unsavedSince ??= now;
      set((s) => ({ save: { phase: 'pending', revision: s.save.revision } }));
      timer = setTimeout(
        () =>
          void get()
            .flush()
            .catch(() => undefined),
        Math.min(AUTOSAVE_DELAY_MS, unsavedSince + AUTOSAVE_MAX_WAIT_MS - now),
      );
    }

    /** One save at a time: a save started while another runs waits, then saves what is newest. */
    async function persist(status: 'draft' | 'submitted'): Promise<void> {
      while (saving) await saving;
      const { current, source } = get();
      if (!current || !source) return;
      const payload = current.history.present;
      // Unchanged and not newly submitted: nothing to save (looking at a sample creates nothing).
      if (payload === current.savedPayload && status !== 'submitted') return;
      if (payload === current.savedPayload && current.status === 'submitted') return;
      unsavedSince = null; // everything up to here is in this save
      const meter = activeTime;
      const timeSpentMs = meter?.take() ?? 0;
      set({ save: { phase: 'saving', revision: current.savedRevision } });
      const sampleId = current.sample.id;
      saving = source
        .save(sampleId, payload, status, current.savedRevision, timeSpentMs)
        .then((view) => {
          set((s) => {
            // The answer belongs to this session's sample only (a new session may show the same sample).
            if (s.source !== source || s.current?.sample.id !== sampleId) return {};
            // A submission answers any relabel request for the sample.
            const queue = s.queue.map((item) =>
              item.sampleId === sampleId ? { ...item, status: view.status, relabel: view.status === 'submitted' ? undefined : item.relabel } : item,
            );
            const stillPending = s.current.history.present !== payload;
            return {
              queue,
              current: { ...s.current, savedPayload: payload, savedRevision: view.revision, status: view.status },
              save: { phase: stillPending ? 'pending' : 'saved', revision: view.revision },
            };
          });
        })
        .catch((error: unknown) => {
          meter?.giveBack(timeSpentMs);
          const message = error instanceof ApiError || error instanceof Error ? error.message : String(error);
          if (get().source === source) set((s) => ({ save: { phase: 'error', revision: s.save.revision, message } }));
          throw error;
        })
        .finally(() => {
          saving = null;
        });
      await saving;
    }

    /** Runs a move through the queue after any move under way; from now on, edits wait for its sample. */
    function transition(work: (held: HeldEdits) => Promise<void>): Promise<void> {
      const held: HeldEdits = [];
      holding = held;
      const run = (loading ?? Promise.resolve()).then(() => work(held));
      const settled = run.catch(() => undefined);
      loading = settled;
      return run.finally(() => {
        if (loading === settled) loading = null;
      });
    }

    /**
     * Saves the sample being left, loads the one at `index`, then shows it at its position
     * with what was typed meanwhile. Until it arrives the previous sample stays on screen,
     * position included.
     */
    async function show(index: number, held: HeldEdits): Promise<void> {
      const mine = session;
      const { queue, source, kind } = get();
      const item = queue[index];
      if (!item || !source) return;
      await get().flush();
      if (mine !== session) return;
      const token = ++loadToken;
      try {
        const { sample, saved } = await source.load(item.sampleId);
        if (token !== loadToken) return;
        activeTime?.take(); // time before the sample was shown belongs to no sample
        const payload = saved?.payload ?? emptyPayload(kind);
        let history = startHistory(payload);
        for (const { change, mergeKey } of held.splice(0)) history = record(history, change(history.present), mergeKey);
        set({
          index,
          current: { sample, history, status: saved?.status ?? 'todo', savedPayload: payload, savedRevision: saved?.revision ?? null },
          loadError: null,
          save: { phase: 'saved', revision: saved?.revision ?? null },
        });
        if (history.present !== payload) scheduleSave();
      } catch (error) {
        if (token !== loadToken) return;
        held.splice(0); // typed for a sample that cannot be shown
        set({ index, current: null, loadError: error instanceof Error ? error.message : String(error), save: { phase: 'saved', revision: null } });
      }
    }

    return {
      source: null,
      kind: 'bbox',
      queue: [],
      index: 0,
      current: null,
      loadError: null,
      save: { phase: 'saved', revision: null },

      async start(source, kind) {
        const mine = ++session;
        // Moves and loads of an earlier session land nowhere, and this one does not wait for them.
        loadToken++;
        loading = null;
        holding = [];
        activeTime?.dispose();
        activeTime = meterTime();
        const queue = await source.queue();
        if (mine !== session) return; // started again meanwhile: the later session wins
        const firstOpen = queue.findIndex((item) => item.status !== 'submitted');
        set({ source, kind, queue, index: 0, current: null, loadError: null, save: { phase: 'saved', revision: null } });
        if (queue.length > 0) await get().open(firstOpen === -1 ? 0 : firstOpen);
      },

      async stop() {
        const stopping = session;
        await get()
          .flush()
          .catch(() => undefined);
        if (stopping !== session) return; // started again meanwhile: that session stays
        loadToken++;
        activeTime?.dispose();
        activeTime = null;
        set({ source: null, queue: [], index: 0, current: null, loadError: null });
      },

      open: (index) => transition((held) => show(index, held)),
      next: () => transition((held) => show(Math.min(get().index + 1, get().queue.length - 1), held)),
      previous: () => transition((held) => show(Math.max(get().index - 1, 0), held)),
      submit: () =>
        transition(async (held) => {
          if (get().source?.readOnly) return;
          if (timer) clearTimeout(timer);
          await persist('submitted');
          const { index, queue } = get();
          if (index < queue.length - 1) await show(index + 1, held);
        }),

      edit(change, mergeKey) {
        // An edit the back end would refuse is not made at all, rather than shown and then lost.
        if (get().source?.readOnly) return;
        if (loading) {
          holding.push({ change, mergeKey });
          return;
        }
        const current = get().current;
        if (!current) return;
        const next = change(current.history.present);
        if (next === current.history.present) return;
        set({ current: { ...current, history: record(current.history, next, mergeKey) } });
        scheduleSave();
      },

      undo() {
        const current = get().current;
        if (!current || current.history.past.length === 0) return;
        set({ current: { ...current, history: undo(current.history) } });
        scheduleSave();
      },

      redo() {
        const current = get().current;
        if (!current || current.history.future.length === 0) return;
        set({ current: { ...current, history: redo(current.history) } });
        scheduleSave();
      },

      async flush() {
        if (timer) clearTimeout(timer);
        timer = null;
        const current = get().current;
        if (!current) return;
        await persist(current.status === 'submitted' ? 'submitted' : 'draft');
      },
    };
  });
}

/** The app's label store: active time counts input and page visibility. */
export const useLabelStore = createLabelStore(() => new ActiveTime());
