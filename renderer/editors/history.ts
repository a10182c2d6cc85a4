/**
 * Undo history of immutable snapshots. One step per command; repeated commands of the
 * same kind in quick succession (nudging with an arrow key) merge into one step, as a
 * whole drag is one step.
 */
export interface History<T> {
  past: readonly T[];
  present: T;
  future: readonly T[];
  /** What the newest step was and when, so a repeat can merge into it. */
  last: { key: string; at: number } | null;
}

export const HISTORY_LIMIT = 500;
export const MERGE_WINDOW_MS = 800;

export function startHistory<T>(present: T): History<T> {
  return { past: [], present, future: [], last: null };
}

/**
 * Records `next` as a new step. With a `mergeKey` equal to the previous step's, made
 * within the merge window, it replaces that step instead (its undo goes back further).
 */
export function record<T>(history: History<T>, next: T, mergeKey?: string, now = Date.now()): History<T> {
  if (Object.is(next, history.present)) return history;
  const merge = mergeKey !== undefined && history.last?.key === mergeKey && now - history.last.at < MERGE_WINDOW_MS && history.future.length === 0;
  const past = merge ? history.past : [...history.past, history.present].slice(-HISTORY_LIMIT);
  return { past, present: next, future: [], last: mergeKey === undefined ? null : { key: mergeKey, at: now } };
}

export function undo<T>(history: History<T>): History<T> {
  const previous = history.past.at(-1);
  if (previous === undefined) return history;
  return { past: history.past.slice(0, -1), present: previous, future: [history.present, ...history.future], last: null };
}

export function redo<T>(history: History<T>): History<T> {
  const [next, ...rest] = history.future;
  if (next === undefined) return history;
  return { past: [...history.past, history.present], present: next, future: rest, last: null };
}
