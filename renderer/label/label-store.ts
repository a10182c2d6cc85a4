import { create } from 'zustand';
import type { AnnotationPayload } from '../../shared/annotation/payload';
import type { ProjectKind } from '../../shared/domain/project';
import { systemClock, type Clock } from '../autosave/autosaver';
import { afterNextPaint } from '../ui/after-paint';
import { ActiveTime } from './active-time';
import type { LabelSource } from './label-source';
import { LabelSession, NO_LABEL_DATA, type LabelData, type TimeMeter } from './label-session';

export interface LabelState extends LabelData {
  /** Begins a session on `source` (a labeler's queue in this project, or a gold label), closing the one before. */
  start(source: LabelSource, kind: ProjectKind): Promise<void>;
  /** Closes the session, after sending what is unsaved. */
  stop(): Promise<void>;
  open(index: number): Promise<void>;
  next(): Promise<void>;
  previous(): Promise<void>;
  /** Marks the sample final (after saving any pending edit) and moves on. */
  submit(): Promise<void>;
  /** Reopens the sample as the back end holds it, dropping edits it refused (after a conflict). */
  reload(): Promise<void>;
  /** Applies an edit: a new payload from the present one, as one undo step. */
  edit(change: (payload: AnnotationPayload) => AnnotationPayload, mergeKey?: string): void;
  undo(): void;
  redo(): void;
  /** Saves pending edits now (before navigating, closing, submitting). */
  flush(): Promise<void>;
  /** Says, with the sample on screen, why something asked of it failed (in plain words). */
  reportProblem(text: string): void;
  dismissProblem(): void;
  /** The back end answers again: edits waiting for it are sent now. */
  hostAnswers(): void;
}

/**
 * A label store: the state of one `LabelSession` at a time, which does the work. `meterTime`
 * measures active time per session (the app watches input and page visibility; tests pass their
 * own), `clock` times autosave (tests move it by hand), and `unsentStorage` keeps edits while
 * the back end cannot be reached.
 */
export function createLabelStore(
  meterTime: () => TimeMeter,
  clock: Clock = systemClock,
  unsentStorage: Storage | null = null,
  queueShown?: () => Promise<void>,
) {
  let session: LabelSession | null = null;

  return create<LabelState>((set, get) => {
    const access = { get, set };
    return {
      ...NO_LABEL_DATA,
      kind: 'bbox',

      async start(source, kind) {
        const previous = session;
        const mine = new LabelSession(source, kind, access, { meterTime, clock, unsentStorage, queueShown });
        session = mine;
        // The earlier session's late answers land nowhere, and this one does not wait for its loads.
        await Promise.all([previous?.close(), mine.begin()]);
      },

      async stop() {
        const ending = session;
        session = null;
        set(NO_LABEL_DATA);
        await ending?.close();
      },

      open: (index) => session?.open(index) ?? Promise.resolve(),
      next: () => session?.next() ?? Promise.resolve(),
      previous: () => session?.previous() ?? Promise.resolve(),
      submit: () => session?.submit() ?? Promise.resolve(),
      reload: () => session?.reload() ?? Promise.resolve(),
      edit: (change, mergeKey) => session?.edit(change, mergeKey),
      undo: () => session?.undo(),
      redo: () => session?.redo(),
      flush: () => session?.flush() ?? Promise.resolve(),
      reportProblem: (text) => {
        const sampleId = get().current?.sample.id;
        if (sampleId !== undefined) set({ problem: { sampleId, text } });
      },
      dismissProblem: () => set({ problem: null }),
      hostAnswers: () => session?.hostAnswers(),
    };
  });
}

/**
 * The app's label store: active time counts input and page visibility; unsent edits are kept in
 * the browser's local storage, so they outlive closing the tab (scoped per project and account);
 * the queue is painted before the first sample's requests start.
 */
export const useLabelStore = createLabelStore(() => new ActiveTime(), systemClock, typeof localStorage === 'undefined' ? null : localStorage, afterNextPaint);
