import { useCallback, useState } from 'react';
import { plainError, type FieldNames } from '../api/plain-error';
import { endSessionIfRefused } from '../stores/notices';
import './notices.css';

/**
 * The error of an action a form or panel started, kept by that form: it goes when the form goes
 * (another screen, another profile), when `clear` is called (its inputs changed), or when the
 * person dismisses it. `run` clears it and runs the action, keeping its failure.
 * @example const failure = useActionError(); … onClick={() => void failure.run(() => api.call('datasets.export', arg))}
 */
export function useActionError() {
  const [error, setError] = useState<unknown>(null);
  const clear = useCallback(() => setError(null), []);
  const run = useCallback(async (action: () => Promise<unknown>) => {
    setError(null);
    try {
      await action();
    } catch (failure) {
      endSessionIfRefused(failure);
      setError(failure);
    }
  }, []);
  return { error, clear, run };
}

/** Where a form says why its action failed, in plain words, naming its fields as it shows them; dismissable. */
export function ActionError({ error, fields, onDismiss }: { error: unknown; fields?: FieldNames; onDismiss(): void }) {
  if (error === null) return null;
  return (
    <p className="error-text action-error" role="alert">
      <span>{plainError(error, fields)}</span>
      <button type="button" className="icon-button" aria-label="Dismiss" onClick={onDismiss}>
        ×
      </button>
    </p>
  );
}
