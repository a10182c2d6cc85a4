import { useEffect, useState, useSyncExternalStore } from 'react';
import type { OperationArg, OperationName, OperationResult } from '../../shared/api/contract';
import type { EventName } from '../../shared/api/events';
import { endSessionIfRefused } from '../stores/notices';
import { api } from './api';
import { QueryState, type QueryView } from './query-state';
import { stableKey } from './stable-key';

export interface QueryOptions {
  /** False while the screen has nothing to ask (no version chosen yet): nothing loads, nothing is shown. */
  enabled?: boolean;
  /** Keep the previous arguments' answer on screen while new ones load (a list being paged or filtered). */
  keepPrevious?: boolean;
  /** Server events after which the answer may be out of date: each one loads it again. */
  refreshOn?: readonly EventName[];
  /**
   * Told of each failure, for a background check with no place of its own on screen
   * (`reportError` shows it as a notice). Read once, when the screen mounts.
   */
  onError?(error: unknown): void;
}

export interface QueryResult<T> extends QueryView<T> {
  /** Loads the same arguments again (after a write); resolves once the answer is in. */
  refresh(): Promise<void>;
}

const NO_EVENTS: readonly EventName[] = [];

/**
 * The one way a screen reads from the back end. Arguments are compared by value, so a new
 * object with the same fields does not reload; an answer for arguments no longer asked, or
 * arriving after the screen went away, is dropped; the error names what the host said and
 * clears when a later load succeeds or the arguments change. A refused session takes the
 * window back to sign-in, as every other call does.
 *
 * @example
 * const { data: diff, error } = useQuery('datasets.compare', { from, to: version }, { enabled: from !== null });
 */
export function useQuery<N extends OperationName>(
  operation: N,
  arg?: OperationArg<N>,
  { enabled = true, keepPrevious = false, refreshOn = NO_EVENTS, onError = endSessionIfRefused }: QueryOptions = {},
): QueryResult<OperationResult<N>> {
  const [query] = useState(() => new QueryState<OperationResult<N>>({ keepPrevious, onError }));
  const view = useSyncExternalStore(query.subscribe, query.snapshot);
  // The client sends `{}` for a call without an argument; the key says the same.
  const key = stableKey(arg ?? {});

  useEffect(() => {
    if (!enabled) {
      query.clear();
      return;
    }
    // The argument is rebuilt from its key: the very value the key stands for, whatever object it came in.
    void query.load(key, () => callOperation(operation, JSON.parse(key)));
    return () => query.cancel();
  }, [query, operation, key, enabled]);

  const events = refreshOn.join(' ');
  useEffect(() => {
    if (!enabled || events === '') return;
    return query.refreshOn(api, events.split(' ') as EventName[]);
  }, [query, events, enabled]);

  // Between new arguments and the effect that loads them, the view still answers the old
  // ones: never show that answer as if it were the new one (unless asked to keep it).
  if (!enabled) return { key: null, data: undefined, error: null, loading: false, refresh: query.refresh };
  if (view.key !== key) return { key, data: keepPrevious ? view.data : undefined, error: null, loading: true, refresh: query.refresh };
  return { ...view, refresh: query.refresh };
}

/** `api.call` for an operation named at run time: its argument was typed where the hook was called. */
function callOperation<N extends OperationName>(operation: N, arg: unknown): Promise<OperationResult<N>> {
  const call = api.call as (name: N, arg: unknown) => Promise<OperationResult<N>>;
  return call(operation, arg);
}
