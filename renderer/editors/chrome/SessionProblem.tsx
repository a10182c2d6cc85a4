import type { AnnotationPayload } from '../../../shared/annotation/payload';
import { useSessionView, type EditorSession } from '../editor-session';
import '../../ui/notices.css';

/** Why the last thing asked of this sample failed, said beside the editor until dismissed or another sample is shown. */
export function SessionProblem<Payload extends AnnotationPayload>({ session }: { session: EditorSession<Payload> }) {
  const problem = useSessionView(session, (v) => v.problem);
  const sampleId = useSessionView(session, (v) => v.sample?.id ?? '');
  if (problem === null) return null;
  return (
    <p className="error-text action-error session-problem" role="alert" data-sample-id={sampleId}>
      <span>{problem}</span>
      <button type="button" className="icon-button" aria-label="Dismiss" onClick={session.dismissProblem}>
        ×
      </button>
    </p>
  );
}
