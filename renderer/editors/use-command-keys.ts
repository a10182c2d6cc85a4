import { useEffect } from 'react';
import { dispatchKey, type Command } from './commands';

/** Routes key presses to an editor's commands while it is shown. */
export function useCommandKeys(commands: readonly Command[]): void {
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (!event.defaultPrevented) dispatchKey(commands, event);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [commands]);
}
