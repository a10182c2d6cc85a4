import { useEffect, useState, type ComponentType, type ReactNode } from 'react';

/** A component whose code is fetched the first time it is shown (see `onDemand`), or earlier with `preload`. */
export type OnDemand<P extends object> = ComponentType<P & { loading: ReactNode }> & {
  /** Fetches the code now, for a part about to be shown; a failure is left for showing it to say. */
  preload(): void;
};

export interface OnDemandOptions {
  /**
   * Starts the part's first data request when it is shown before its code arrived, so the two
   * travel together instead of one after the other; returns what to undo if the part goes away
   * before it shows (it is not called when the code was already there: the part asks itself).
   */
  whileFetching?(): () => void;
}

/**
 * A component whose code is fetched the first time it is shown, with `loading` in its place
 * until then. Not `React.lazy`: React holds a suspended part back for up to 300 ms after its
 * fallback showed (Suspense's fallback throttle), whatever its code took to arrive; that was
 * most of the time from a labeler's sign-in to their queue's first row. Here the part shows in
 * the render after its code arrives, and at once when it came before. Code that cannot be
 * fetched is thrown to the nearest `ErrorBoundary`, which says so with Reload.
 *
 * @example
 *   const Editor = onDemand(() => import('./Editor').then((m) => m.Editor));
 *   <Editor loading={<p>Loading the editor…</p>} sample={sample} />
 *   Editor.preload(); // before it is shown
 */
export function onDemand<P extends object>(load: () => Promise<ComponentType<P>>, options: OnDemandOptions = {}): OnDemand<P> {
  let loaded: ComponentType<P> | null = null;
  let fetching: Promise<ComponentType<P>> | null = null;
  const fetchCode = () =>
    (fetching ??= load().then(
      (component) => (loaded = component),
      (error: unknown) => {
        // A failed fetch is tried again the next time the part is shown.
        fetching = null;
        throw error;
      },
    ));

  function OnDemandPart({ loading: placeholder, ...props }: P & { loading: ReactNode }) {
    const [, setArrived] = useState(loaded !== null);
    const [failure, setFailure] = useState<{ error: unknown } | null>(null);
    useEffect(() => {
      if (loaded) return;
      const dropAhead = options.whileFetching?.();
      let shown = true;
      fetchCode().then(
        () => shown && setArrived(true),
        (error: unknown) => shown && setFailure({ error }),
      );
      return () => {
        shown = false;
        dropAhead?.();
      };
    }, []);
    if (failure) throw failure.error;
    if (!loaded) return placeholder;
    const Component = loaded;
    return <Component {...(props as unknown as P)} />;
  }
  return Object.assign(OnDemandPart, { preload: () => void fetchCode().catch(() => undefined) });
}
