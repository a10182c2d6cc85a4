import type { BboxPayload } from '../../../shared/annotation/payload';
import { activeClasses } from '../../../shared/domain/taxonomy';
import type { ProjectSummary } from '../../../shared/domain/project';
import { HistoryButtons } from '../chrome/HistoryButtons';
import { useSessionView, type EditorSession } from '../editor-session';
import { setBoxClass } from './box-edits';
import { useBboxView } from './bbox-view-store';

interface BboxToolbarProps {
  session: EditorSession<BboxPayload>;
  project: ProjectSummary;
  currentClassId: number | null;
  onHelp(): void;
  onCopyPrevious(): void;
}

/** The class palette (the current class always visible), view controls and history buttons. */
export function BboxToolbar({ session, project, currentClassId, onHelp, onCopyPrevious }: BboxToolbarProps) {
  const readOnly = useSessionView(session, (v) => v.readOnly);
  const view = useBboxView();

  const chooseClass = (id: number) => {
    view.setCurrentClass(id);
    const selected = view.selectedId;
    if (selected) session.edit((p) => setBoxClass(p, selected, id));
  };

  return (
    <div className="toolbar" role="toolbar" aria-label="Editor tools">
      <div className="class-palette" role="radiogroup" aria-label="Class">
        {activeClasses(project.classes).map((c) => (
          <button
            key={c.id}
            type="button"
            role="radio"
            aria-checked={c.id === currentClassId}
            className={`class-chip ${c.id === currentClassId ? 'current' : ''}`}
            style={{ ['--class-color' as string]: c.color }}
            onClick={() => chooseClass(c.id)}
            title={c.hotkey ? `Key ${c.hotkey}` : undefined}
          >
            <span className="swatch" />
            {c.name}
            {c.hotkey && <kbd>{c.hotkey}</kbd>}
          </button>
        ))}
      </div>
      <div className="toolbar-group">
        <HistoryButtons session={session} />
        <button type="button" disabled={readOnly !== null} onClick={onCopyPrevious} title={readOnly ?? "Copy the previous sample's boxes (Shift+C)"}>
          Copy previous
        </button>
      </div>
      <div className="toolbar-group">
        <button type="button" onClick={() => view.canvas?.fit()} title="Fit (Shift+F)">
          Fit
        </button>
        <button type="button" onClick={() => view.canvas?.actualSize()} title="Actual size (Shift+A)">
          1:1
        </button>
        <button type="button" aria-pressed={!view.boxesVisible} onClick={view.toggleBoxes} title="Hide or show boxes (Shift+H)">
          {view.boxesVisible ? 'Hide boxes' : 'Show boxes'}
        </button>
        <label className="opacity-control" title="Box fill opacity">
          Fill
          <input
            type="range"
            min={0}
            max={0.6}
            step={0.05}
            value={view.boxOpacity}
            onChange={(e) => view.setOpacity(Number(e.target.value))}
            aria-label="Box fill opacity"
          />
        </label>
        <button type="button" onClick={onHelp} title="Keyboard shortcuts (?)">
          ?
        </button>
      </div>
    </div>
  );
}
