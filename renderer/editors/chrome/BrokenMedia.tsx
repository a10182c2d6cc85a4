import type { AnnotationPayload } from '../../../shared/annotation/payload';
import type { EditorSession } from '../editor-session';
import { setMediaBroken } from './payload-edits';
import './broken-media.css';

interface BrokenMediaProps<Payload extends AnnotationPayload> {
  session: EditorSession<Payload>;
  message: string;
  tone: 'dark' | 'light';
}

/** Media that will not load: say so, and let the person flag it and go on. */
export function BrokenMedia<Payload extends AnnotationPayload>({ session, message, tone }: BrokenMediaProps<Payload>) {
  const flagAndGoOn = () => {
    session.edit((p) => setMediaBroken(p, true));
    void session.submit().catch(session.reportError);
  };
  return (
    <div className={`media-error ${tone === 'light' ? 'media-error-light' : ''}`} role="alert">
      <p>{message}</p>
      <button type="button" className="primary" onClick={flagAndGoOn}>
        Flag as broken and go on
      </button>
    </div>
  );
}
