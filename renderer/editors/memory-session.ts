import { createStore } from 'zustand/vanilla';
import type { AnnotationPayload } from '../../shared/annotation/payload';
import type { Sample } from '../../shared/domain/sample';
import type { EditorSession, MediaRef, SessionNotices, SessionView } from './editor-session';
import { record, redo, startHistory, undo, type History } from './history';

const NOTHING_UPCOMING: readonly MediaRef[] = [];

/**
 * A session on one sample whose label lives only in memory, with undo and nothing saved: for a
 * page that shows an editor without a back end (the benchmark), or an editor tried out alone.
 * @example
 * const session = memorySession(sample, emptyPayload('bbox'), { reportError: console.error, inform: console.info });
 * session.edit((p) => setNoObjects(p, true));
 */
export function memorySession<Payload extends AnnotationPayload>(sample: Sample, payload: Payload, notices: SessionNotices): EditorSession<Payload> {
  let history = startHistory(payload);
  const viewOf = (h: History<Payload>): SessionView<Payload> => ({
    sample,
    payload: h.present,
    canUndo: h.past.length > 0,
    canRedo: h.future.length > 0,
    position: 1,
    count: 1,
    save: { phase: 'idle', revision: null },
    readOnly: null,
    // Nothing here fails on its own: what an editor reports goes to the notices it was given.
    problem: null,
    upcoming: NOTHING_UPCOMING,
  });
  const view = createStore<SessionView<Payload>>(() => viewOf(history));
  const show = (next: History<Payload>) => {
    if (next === history) return;
    history = next;
    view.setState(viewOf(history), true);
  };
  const nothingToDo = () => Promise.resolve();

  return {
    view,
    edit: (change, mergeKey) => show(record(history, change(history.present), mergeKey)),
    undo: () => show(undo(history)),
    redo: () => show(redo(history)),
    submit: nothingToDo,
    next: nothingToDo,
    previous: nothingToDo,
    flush: nothingToDo,
    reload: nothingToDo,
    previousPayload: () => Promise.resolve(null),
    reportError: notices.reportError,
    dismissProblem: () => undefined,
    inform: notices.inform,
  };
}
