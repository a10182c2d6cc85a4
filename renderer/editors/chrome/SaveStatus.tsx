import type { AnnotationPayload } from '../../../shared/annotation/payload';
import { countOf } from '../../../shared/text/plural';
import { SaveProblem } from '../../autosave/SaveProblem';
import { useSessionView, type EditorSession, type SessionSaveState } from '../editor-session';

/**
 * The phase scripts and tests read from `data-phase`: `saved` means the back end holds exactly
 * what is on screen (whether loaded so or confirmed after an edit), `pending` that it does not yet.
 */
const PHASE_ATTRIBUTE: Record<SessionSaveState['phase'], string> = {
  idle: 'saved',
  saved: 'saved',
  dirty: 'pending',
  saving: 'saving',
  error: 'error',
  conflict: 'conflict',
  offline: 'offline',
};

/** Tells the person, always, whether their work is safe. */
export function SaveStatus<Payload extends AnnotationPayload>({ session }: { session: EditorSession<Payload> }) {
  const save = useSessionView(session, (v) => v.save);
  const sampleId = useSessionView(session, (v) => v.sample?.id);
  const readOnly = useSessionView(session, (v) => v.readOnly);
  if (readOnly !== null) {
    return (
      <span className="save-status save-read-only" data-testid="save-status" data-phase="read-only" data-sample-id={sampleId ?? ''}>
        {readOnly}: nothing is saved
      </span>
    );
  }
  if (save.phase === 'error' || save.phase === 'conflict') {
    return (
      <span className="save-status save-error" role="alert" data-phase={PHASE_ATTRIBUTE[save.phase]} data-sample-id={sampleId ?? ''}>
        <SaveProblem
          status={save}
          onRetry={() => void session.flush().catch(session.reportError)}
          onReload={() => void session.reload().catch(session.reportError)}
          onCopy={() => copyEdits(session)}
        />
      </span>
    );
  }
  const text =
    save.phase === 'offline'
      ? `Offline, ${countOf(save.waiting, 'edit')} waiting`
      : save.phase === 'saved' || save.phase === 'idle'
        ? save.revision === null
          ? 'Nothing to save yet'
          : `Saved · revision ${save.revision}`
        : save.phase === 'saving'
          ? 'Saving…'
          : 'Unsaved changes';
  return (
    <span
      className={`save-status save-${PHASE_ATTRIBUTE[save.phase]}`}
      data-testid="save-status"
      data-phase={PHASE_ATTRIBUTE[save.phase]}
      data-sample-id={sampleId ?? ''}
      data-revision={save.revision ?? ''}
      data-waiting={save.phase === 'offline' ? save.waiting : undefined}
      title={save.phase === 'offline' ? `${save.message} Your edits are kept in this window and sent when it answers again.` : undefined}
    >
      {text}
    </span>
  );
}

/** Puts the label on screen on the clipboard as JSON, so work the back end refused can be kept elsewhere. */
function copyEdits<Payload extends AnnotationPayload>(session: EditorSession<Payload>): void {
  const payload = session.view.getState().payload;
  navigator.clipboard
    .writeText(JSON.stringify(payload, null, 2))
    .then(() => session.inform('Your edits are on the clipboard, as JSON.'))
    .catch(session.reportError);
}
