import type { ReactNode } from 'react';
import type { AnnotationPayload } from '../../../shared/annotation/payload';
import { useSessionView, type EditorSession } from '../editor-session';
import { SaveStatus } from './SaveStatus';
import { SessionProblem } from './SessionProblem';
import './status-bar.css';

/**
 * Where the person is among the session's samples, what the sample is (the editor adds its own
 * facts), whether the work is saved, and, just above, why something asked of the sample failed.
 */
export function SessionStatusBar<Payload extends AnnotationPayload>({ session, children }: { session: EditorSession<Payload>; children: ReactNode }) {
  const position = useSessionView(session, (v) => v.position);
  const count = useSessionView(session, (v) => v.count);
  const sample = useSessionView(session, (v) => v.sample);
  // Tests (and scripts) wait on which sample is shown, not on text an earlier one also showed.
  return (
    <>
      <SessionProblem session={session} />
      <footer className="status-bar" data-sample-id={sample?.id ?? ''} data-position={position}>
        <span>
          Sample {position} of {count} · <strong>{sample?.displayName}</strong>
          {children}
        </span>
        <SaveStatus session={session} />
      </footer>
    </>
  );
}
