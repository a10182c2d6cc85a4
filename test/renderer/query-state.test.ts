import { describe, expect, it } from 'vitest';
import { ApiError } from '../../shared/api/errors';
import type { EventName } from '../../shared/api/events';
import { QueryState, type EventFeed } from '../../renderer/api/query-state';
import { stableKey } from '../../renderer/api/stable-key';

/** A promise the test settles when it chooses: the back end's answer, held in flight. */
function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

/** A back end whose answers wait until the test gives them, in any order. */
function delayedApi<T>() {
  const calls: Array<{ arg: string; answer: ReturnType<typeof deferred<T>> }> = [];
  return {
    calls,
    /** The loader a screen would pass for `arg`. */
    ask: (arg: string) => () => {
      const answer = deferred<T>();
      calls.push({ arg, answer });
      return answer.promise;
    },
  };
}

/** Lets the answers already given reach the query (promise callbacks run). */
const settle = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/** The API client's events, emitted by the test. */
function fakeEvents() {
  const listeners = new Map<EventName, Set<() => void>>();
  const source: EventFeed = {
    on(name, listener) {
      const set = listeners.get(name) ?? new Set();
      set.add(listener);
      listeners.set(name, set);
      return () => set.delete(listener);
    },
  };
  return {
    source,
    emit: (name: EventName) => listeners.get(name)?.forEach((listener) => listener()),
    count: () => [...listeners.values()].reduce((n, s) => n + s.size, 0),
  };
}

describe('a query', () => {
  it('drops a late answer for arguments the screen no longer asks about', async () => {
    const api = delayedApi<string>();
    const query = new QueryState<string>();
    query.load('v1', api.ask('v1'));
    query.load('v2', api.ask('v2'));
    api.calls[1]!.answer.resolve('diff from v2');
    await settle();
    api.calls[0]!.answer.resolve('diff from v1');
    await settle();
    expect(query.snapshot()).toEqual({ key: 'v2', data: 'diff from v2', error: null, loading: false });
  });

  it('does not show an old answer that arrives first while the new one is on its way', async () => {
    const api = delayedApi<string>();
    const query = new QueryState<string>();
    query.load('v1', api.ask('v1'));
    api.calls[0]!.answer.resolve('diff from v1');
    await settle();
    query.load('v2', api.ask('v2'));
    expect(query.snapshot()).toEqual({ key: 'v2', data: undefined, error: null, loading: true });
    query.load('v3', api.ask('v3'));
    api.calls[1]!.answer.resolve('diff from v2');
    await settle();
    expect(query.snapshot()).toEqual({ key: 'v3', data: undefined, error: null, loading: true });
  });

  it('keeps the previous answer on screen while new arguments load, when asked to', async () => {
    const api = delayedApi<string>();
    const query = new QueryState<string>({ keepPrevious: true });
    query.load('page 1', api.ask('page 1'));
    api.calls[0]!.answer.resolve('samples 1–60');
    await settle();
    query.load('page 2', api.ask('page 2'));
    expect(query.snapshot()).toEqual({ key: 'page 2', data: 'samples 1–60', error: null, loading: true });
    api.calls[1]!.answer.resolve('samples 61–120');
    await settle();
    expect(query.snapshot().data).toBe('samples 61–120');
  });

  it('shows the host’s code and message, and clears them when a later load succeeds', async () => {
    const api = delayedApi<string>();
    const reported: unknown[] = [];
    const query = new QueryState<string>({ onError: (error) => reported.push(error) });
    query.load('agreement', api.ask('agreement'));
    api.calls[0]!.answer.reject(new ApiError('busy', 'Another window is writing to the project.'));
    await settle();
    expect(query.snapshot()).toEqual({
      key: 'agreement',
      data: undefined,
      error: { code: 'busy', message: 'Another window is writing to the project.' },
      loading: false,
    });
    expect(reported).toHaveLength(1);

    void query.refresh();
    api.calls[1]!.answer.resolve('72%');
    await settle();
    expect(query.snapshot()).toEqual({ key: 'agreement', data: '72%', error: null, loading: false });
  });

  it('keeps the last good answer beside the error when a refresh fails', async () => {
    const api = delayedApi<string>();
    const query = new QueryState<string>();
    query.load('team', api.ask('team'));
    api.calls[0]!.answer.resolve('3 labelers');
    await settle();
    void query.refresh();
    api.calls[1]!.answer.reject(new Error('The Concord server is not reachable.'));
    await settle();
    expect(query.snapshot()).toEqual({
      key: 'team',
      data: '3 labelers',
      error: { code: 'internal', message: 'The Concord server is not reachable.' },
      loading: false,
    });
  });

  it('clears an error when the arguments change', async () => {
    const api = delayedApi<string>();
    const query = new QueryState<string>();
    query.load('sample 7', api.ask('sample 7'));
    api.calls[0]!.answer.reject(new ApiError('not_found', 'No sample 7.'));
    await settle();
    query.load('sample 8', api.ask('sample 8'));
    expect(query.snapshot()).toEqual({ key: 'sample 8', data: undefined, error: null, loading: true });
  });

  it('ignores a failure of arguments it no longer asks about', async () => {
    const api = delayedApi<string>();
    const reported: unknown[] = [];
    const query = new QueryState<string>({ onError: (error) => reported.push(error) });
    query.load('v1', api.ask('v1'));
    query.load('v2', api.ask('v2'));
    api.calls[0]!.answer.reject(new ApiError('not_found', 'No dataset v1.'));
    api.calls[1]!.answer.resolve('diff from v2');
    await settle();
    expect(query.snapshot()).toEqual({ key: 'v2', data: 'diff from v2', error: null, loading: false });
    expect(reported).toEqual([]);
  });

  it('drops the answer that arrives after the screen went away', async () => {
    const api = delayedApi<string>();
    const query = new QueryState<string>();
    const seen: unknown[] = [];
    query.subscribe(() => seen.push(query.snapshot().data));
    query.load('audit', api.ask('audit'));
    query.cancel();
    api.calls[0]!.answer.resolve('200 entries');
    await settle();
    expect(query.snapshot().data).toBeUndefined();
    expect(seen).not.toContain('200 entries');
  });

  it('loads again when a named server event arrives, and stops listening when told', async () => {
    const api = delayedApi<string>();
    const events = fakeEvents();
    const query = new QueryState<string>();
    query.load('agreement', api.ask('agreement'));
    const stop = query.refreshOn(events.source, ['agreement.changed']);
    api.calls[0]!.answer.resolve('70%');
    await settle();

    events.emit('guideline.published');
    expect(api.calls).toHaveLength(1);
    events.emit('agreement.changed');
    expect(api.calls).toHaveLength(2);
    expect(query.snapshot()).toEqual({ key: 'agreement', data: '70%', error: null, loading: true });
    api.calls[1]!.answer.resolve('74%');
    await settle();
    expect(query.snapshot()).toEqual({ key: 'agreement', data: '74%', error: null, loading: false });

    stop();
    expect(events.count()).toBe(0);
  });

  it('answers a burst of events with one more load after the one on its way', async () => {
    const api = delayedApi<string>();
    const events = fakeEvents();
    const query = new QueryState<string>();
    query.load('agreement', api.ask('agreement'));
    query.refreshOn(events.source, ['agreement.changed']);
    for (let i = 0; i < 5; i++) events.emit('agreement.changed');
    expect(api.calls).toHaveLength(1);
    api.calls[0]!.answer.resolve('70%');
    await settle();
    // The first answer is shown, but it may predate the events: one more load follows.
    expect(query.snapshot()).toEqual({ key: 'agreement', data: '70%', error: null, loading: true });
    expect(api.calls).toHaveLength(2);
    api.calls[1]!.answer.resolve('71%');
    await settle();
    expect(api.calls).toHaveLength(2);
    expect(query.snapshot()).toEqual({ key: 'agreement', data: '71%', error: null, loading: false });
  });

  it('resolves a refresh once its answer is in', async () => {
    const api = delayedApi<string>();
    const query = new QueryState<string>();
    query.load('datasets', api.ask('datasets'));
    let refreshed = false;
    void query.refresh().then(() => (refreshed = true));
    api.calls[0]!.answer.resolve('v1');
    await settle();
    expect(refreshed).toBe(false);
    api.calls[1]!.answer.resolve('v1, v2');
    await settle();
    expect(refreshed).toBe(true);
    expect(query.snapshot().data).toBe('v1, v2');
  });

  it('forgets everything when switched off', async () => {
    const api = delayedApi<string>();
    const query = new QueryState<string>();
    query.load('diff', api.ask('diff'));
    query.clear();
    api.calls[0]!.answer.resolve('late');
    await settle();
    expect(query.snapshot()).toEqual({ key: null, data: undefined, error: null, loading: false });
  });
});

describe('a query key', () => {
  it('is the same for the same arguments whatever the order of their fields', () => {
    expect(stableKey({ to: 2, from: 1, filter: { tags: ['a'], ids: [3] } })).toBe(stableKey({ filter: { ids: [3], tags: ['a'] }, from: 1, to: 2 }));
  });

  it('differs when a value differs, including the order of a list', () => {
    expect(stableKey({ from: 1, to: 2 })).not.toBe(stableKey({ from: 3, to: 2 }));
    expect(stableKey({ ids: [1, 2] })).not.toBe(stableKey({ ids: [2, 1] }));
  });
});
