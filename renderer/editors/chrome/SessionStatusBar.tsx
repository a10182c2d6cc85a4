import type { ReactNode } from 'react';
import type { AnnotationPayload } from '../../../shared/annotation/payload';
import { useSessionView, type EditorSession } from '../editor-session';
import { SaveStatus } from './SaveStatus';
import './status-bar.css';

/** Where the person is among the session's samples, what the sample is (the editor adds its own facts), and whether the work is saved. */
export function SessionStatusBar<Payload extends AnnotationPayload>({ session, children }: { session: EditorSession<Payload>; children: ReactNode }) {
  const position = useSessionView(session, (v) => v.position);
  const count = useSessionView(session, (v) => v.count);
  const sample = useSessionView(session, (v) => v.sample);
  // Tests (and scripts) wait on which sample is shown, not on text an earlier one also showed.
  return (
    <footer className="status-bar" data-sample-id={sample?.id ?? ''} data-position={position}>
      <span>
        Sample {position} of {count} · <strong>{sample?.displayName}</strong>
        {children}
      </span>
      <SaveStatus session={session} />
    </footer>
  );
}
