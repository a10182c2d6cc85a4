import type { AnnotationPayload } from '../../../shared/annotation/payload';
import { useSessionView, type EditorSession } from '../editor-session';

/** Tells the person, always, whether their work is safe. */
export function SaveStatus<Payload extends AnnotationPayload>({ session }: { session: EditorSession<Payload> }) {
  const save = useSessionView(session, (v) => v.save);
  const sampleId = useSessionView(session, (v) => v.sample?.id);
  if (save.phase === 'error') {
    return (
      <span className="save-status save-error" role="alert">
        Not saved: {save.message}{' '}
        <button type="button" onClick={() => void session.flush().catch(session.reportError)}>
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
