/** What the start screen shows when the project chosen is open in another app or server. */
export interface InUse {
  dir: string;
  /** The back end's words: which app has it, since when. */
  message: string;
}

/**
 * Two apps editing one project would each see the other's work appear under them, so the
 * second one is offered a read-only view instead (the command line still works beside it).
 */
export function ProjectInUse({ inUse, busy, onReadOnly, onCancel }: { inUse: InUse; busy: boolean; onReadOnly(): void; onCancel(): void }) {
  return (
    <div className="card project-in-use" role="alertdialog" aria-labelledby="in-use-title" aria-describedby="in-use-message">
      <h2 id="in-use-title">This project is open elsewhere</h2>
      <p id="in-use-message">{inUse.message}</p>
      <p className="hint">
        A read-only view shows everything but changes nothing, exports included (each export is recorded in the project&apos;s audit log). To edit here, close
        the project in the other app and open it again; <code>concord export</code> works beside it.
      </p>
      <div className="button-row">
        <button type="button" className="primary" disabled={busy} onClick={onReadOnly}>
          Open read-only
        </button>
        <button type="button" disabled={busy} onClick={onCancel}>
          Cancel
        </button>
      </div>
    </div>
  );
}
