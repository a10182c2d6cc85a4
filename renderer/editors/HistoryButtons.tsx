import { useLabelStore } from '../label/label-store';

/** Undo and redo for the open sample, in every editor's toolbar. */
export function HistoryButtons() {
  const canUndo = useLabelStore((s) => (s.current?.history.past.length ?? 0) > 0);
  const canRedo = useLabelStore((s) => (s.current?.history.future.length ?? 0) > 0);
  const undo = useLabelStore((s) => s.undo);
  const redo = useLabelStore((s) => s.redo);
  return (
    <>
      <button type="button" onClick={undo} disabled={!canUndo} title="Undo (Ctrl+Z)">
        Undo
      </button>
      <button type="button" onClick={redo} disabled={!canRedo} title="Redo (Ctrl+Shift+Z)">
        Redo
      </button>
    </>
  );
}
