import type { StoreApi } from 'zustand';
import type { AnnotationPayload } from '../../shared/annotation/payload';
import { itemAt, type QueueWindow } from '../../shared/domain/queue-window';
import type { EditorSession, MediaRef, PayloadGuard, SessionHost, SessionNotices, SessionView, SessionViewStore } from '../editors/editor-session';
import { plainError } from '../api/plain-error';
import { READ_ONLY_REASON } from '../ui/read-only-reason';
import type { LabelState } from './label-store';

/** Samples after the current one whose media an editor may fetch ahead. */
export const UPCOMING_MEDIA = 5;

type LabelStoreApi = Pick<StoreApi<LabelState>, 'getState' | 'subscribe'>;

/** How a label session reaches the app. Failures are said beside the editor, not as the app's notices. */
export interface LabelNotices extends Pick<SessionNotices, 'inform'> {
  /** Hears every failure first: one refused because the window's session ended takes it back to sign in. */
  failed(error: unknown): void;
}

/**
 * A label store (a labeler's queue, or a gold label under review) as the session an editor
 * works on. Only the store's public API is used; the payload is narrowed by the editor's guard,
 * so an editor sees its own payload type or, for a label of another kind, none.
 * @example labelSessionHost(useLabelStore, notices).open(payloadGuard('bbox')).edit((p) => setNoObjects(p, true));
 */
export function labelSessionHost(store: LabelStoreApi, notices: LabelNotices): SessionHost {
  return { open: (isPayload) => labelSession(store, isPayload, notices) };
}

export function labelSession<Payload extends AnnotationPayload>(
  store: LabelStoreApi,
  isPayload: PayloadGuard<Payload>,
  notices: LabelNotices,
): EditorSession<Payload> {
  const label = store.getState;
  return {
    view: sessionView(store, isPayload),
    edit: (change, mergeKey) => label().edit((payload) => (isPayload(payload) ? change(payload) : payload), mergeKey),
    undo: () => label().undo(),
    redo: () => label().redo(),
    submit: () => label().submit(),
    next: () => label().next(),
    previous: () => label().previous(),
    flush: () => label().flush(),
    reload: () => label().reload(),
    async previousPayload() {
      const { queue, index, source } = label();
      const previous = itemAt(queue, index - 1);
      if (!previous || !source) return null;
      const { saved } = await source.load(previous.sampleId);
      return saved && isPayload(saved.payload) ? saved.payload : null;
    },
    reportError: (error) => {
      notices.failed(error);
      reportProblem(label, error);
    },
    dismissProblem: () => label().dismissProblem(),
    inform: notices.inform,
  };
}

/**
 * Says a failure beside the editor, with the sample it happened on, rather than in the app's
 * notices: it is about this sample, and goes when another is shown. A failed save (a refused
 * submission, a move that could not save first) is already said by the save status, with Retry
 * or Reload beside it, and is not said twice.
 */
function reportProblem(label: LabelStoreApi['getState'], error: unknown): void {
  const { save } = label();
  const failedSave = (save.phase === 'error' || save.phase === 'conflict') && error instanceof Error && error.message === save.message;
  if (!failedSave) label().reportProblem(plainError(error));
}

/**
 * The store's state seen as a session view. A view is derived once per store state, and kept
 * (same object) while none of its fields changed, as `useSyncExternalStore` needs.
 */
function sessionView<Payload extends AnnotationPayload>(store: LabelStoreApi, isPayload: PayloadGuard<Payload>): SessionViewStore<Payload> {
  let derivedFrom: LabelState | null = null;
  let view: SessionView<Payload> | null = null;
  let upcoming: { queue: QueueWindow; index: number; refs: readonly MediaRef[] } | null = null;

  const upcomingOf = (queue: QueueWindow, index: number): readonly MediaRef[] => {
    if (upcoming?.queue !== queue || upcoming.index !== index) {
      const from = index + 1 - queue.start;
      const refs = queue.items.slice(Math.max(from, 0), Math.max(from + UPCOMING_MEDIA, 0)).map((item) => ({ id: item.sampleId, sha256: item.sha256 }));
      upcoming = { queue, index, refs };
    }
    return upcoming.refs;
  };

  const getState = (): SessionView<Payload> => {
    const state = store.getState();
    if (view && derivedFrom === state) return view;
    const present = state.current?.history.present ?? null;
    const next: SessionView<Payload> = {
      sample: state.current?.sample ?? null,
      payload: present && isPayload(present) ? present : null,
      canUndo: (state.current?.history.past.length ?? 0) > 0,
      canRedo: (state.current?.history.future.length ?? 0) > 0,
      position: state.index + 1,
      count: state.queue.total,
      save: state.save,
      readOnly: state.source?.readOnly ? READ_ONLY_REASON : null,
      problem: state.problem !== null && state.problem.sampleId === state.current?.sample.id ? state.problem.text : null,
      upcoming: upcomingOf(state.queue, state.index),
    };
    derivedFrom = state;
    if (!view || !sameFields(view, next)) view = next;
    return view;
  };

  return {
    getState,
    getInitialState: getState,
    subscribe: (listener) => {
      // Each subscriber compares with the view it last saw: an earlier subscriber may already have derived the new one.
      let seen = getState();
      return store.subscribe(() => {
        const now = getState();
        if (now === seen) return;
        const before = seen;
        seen = now;
        listener(now, before);
      });
    },
  };
}

function sameFields<T extends object>(a: T, b: T): boolean {
  return (Object.keys(a) as Array<keyof T>).every((key) => Object.is(a[key], b[key]));
}
