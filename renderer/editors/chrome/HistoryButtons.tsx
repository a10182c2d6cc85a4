import type { AnnotationPayload } from '../../../shared/annotation/payload';
import { useSessionView, type EditorSession } from '../editor-session';

/** Undo and redo for the open sample, in every editor's toolbar. */
export function HistoryButtons<Payload extends AnnotationPayload>({ session }: { session: EditorSession<Payload> }) {
  const canUndo = useSessionView(session, (v) => v.canUndo);
  const canRedo = useSessionView(session, (v) => v.canRedo);
  return (
    <>
      <button type="button" onClick={session.undo} disabled={!canUndo} title="Undo (Ctrl+Z)">
        Undo
      </button>
      <button type="button" onClick={session.redo} disabled={!canRedo} title="Redo (Ctrl+Shift+Z)">
        Redo
      </button>
    </>
  );
}
