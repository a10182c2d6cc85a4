import { reportError } from '../stores/notices';
import { useLabelStore } from './label-store';

/** Tells the labeler, always, whether their work is safe. */
export function SaveStatus() {
  const save = useLabelStore((s) => s.save);
  const sampleId = useLabelStore((s) => s.current?.sample.id);
  const flush = useLabelStore((s) => s.flush);
  if (save.phase === 'error') {
    return (
      <span className="save-status save-error" role="alert">
        Not saved: {save.message}{' '}
        <button type="button" onClick={() => void flush().catch(reportError)}>
          Retry
        </button>
      </span>
    );
  }
  const text =
    save.phase === 'saved'
      ? save.revision === null
        ? 'Nothing to save yet'
        : `Saved · revision ${save.revision}`
      : save.phase === 'saving'
        ? 'Saving…'
        : 'Unsaved changes';
  return (
    <span
      className={`save-status save-${save.phase}`}
      data-testid="save-status"
      data-phase={save.phase}
      data-sample-id={sampleId ?? ''}
      data-revision={save.revision ?? ''}
    >
      {text}
    </span>
  );
}
