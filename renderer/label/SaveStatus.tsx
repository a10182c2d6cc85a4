import { reportError } from '../stores/notices';
import { READ_ONLY_REASON } from '../ui/read-only';
import { useLabelStore } from './label-store';

/** Tells the labeler, always, whether their work is safe. */
export function SaveStatus() {
  const save = useLabelStore((s) => s.save);
  const sampleId = useLabelStore((s) => s.current?.sample.id);
  const flush = useLabelStore((s) => s.flush);
  const readOnly = useLabelStore((s) => s.source?.readOnly ?? false);
  if (readOnly) {
    return (
      <span className="save-status save-read-only" data-testid="save-status" data-phase="read-only" data-sample-id={sampleId ?? ''}>
        {READ_ONLY_REASON}: nothing is saved
      </span>
    );
  }
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
