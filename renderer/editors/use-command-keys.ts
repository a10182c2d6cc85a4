import { useEffect } from 'react';
import { dispatchKey, type Command } from './commands';

/** Routes key presses to an editor's commands while it is shown. */
export function useCommandKeys(commands: readonly Command[]): void {
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      // A dialog in front (the guideline-changed notice, shortcuts help) has the keyboard:
      // Enter there must close it, not submit the sample behind it.
      const dialogOpen = document.querySelector('[aria-modal="true"]') !== null && !(event.target instanceof Element && event.target.closest('.labeler'));
      if (!event.defaultPrevented && !dialogOpen) dispatchKey(commands, event);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [commands]);
}
