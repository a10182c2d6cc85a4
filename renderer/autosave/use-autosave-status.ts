import { useCallback, useSyncExternalStore } from 'react';
import type { AutosaveStatus } from './autosaver';

/** What the hook needs of an autosaver, whatever it saves. */
interface StatusSource {
  readonly status: AutosaveStatus;
  subscribe(listener: (status: AutosaveStatus) => void): () => void;
}

const NOTHING_OPEN: AutosaveStatus = { phase: 'idle', revision: null };

/** The status of `saver` (none yet: idle), re-rendering the component whenever it changes. */
export function useAutosaveStatus(saver: StatusSource | null): AutosaveStatus {
  const subscribe = useCallback((onChange: () => void) => saver?.subscribe(onChange) ?? (() => undefined), [saver]);
  return useSyncExternalStore(subscribe, () => saver?.status ?? NOTHING_OPEN);
}
