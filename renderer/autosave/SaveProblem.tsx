import type { AutosaveStatus } from './autosaver';

/** A status in which the work on screen is not saved. */
export type FailedSave = Extract<AutosaveStatus, { phase: 'error' | 'conflict' }>;

/**
 * Why the work on screen is not saved, and the way on: after a failure, to send it again; after
 * a conflict (saved elsewhere meanwhile), to show the version saved there. Every autosaved editor
 * (a label, a gold label, the guideline draft) offers the same two. An editor that can hand its
 * work over (`onCopy`) offers, after a refusal sending again cannot change, to copy the edits
 * and then to discard them: they are never dropped without the person's word.
 * @example {save.phase === 'conflict' && <SaveProblem status={save} onRetry={flush} onReload={reload} />}
 */
export function SaveProblem({ status, onRetry, onReload, onCopy }: { status: FailedSave; onRetry(): void; onReload(): void; onCopy?(): void }) {
  if (status.phase === 'error' && status.refused && onCopy) {
    return (
      <>
        Not saved: {status.message} Your edits are still here.{' '}
        <button type="button" onClick={onCopy}>
          Copy my edits
        </button>{' '}
        <button type="button" onClick={onReload}>
          Discard my edits
        </button>
      </>
    );
  }
  return (
    <>
      Not saved: {status.message}{' '}
      {status.phase === 'error' ? (
        <button type="button" onClick={onRetry}>
          Retry
        </button>
      ) : (
        <button type="button" onClick={onReload}>
          Reload the saved version
        </button>
      )}
    </>
  );
}
