import { useEffect } from 'react';
import { displayChord, type Command } from '../commands';

/**
 * Every command with its keys, generated from the commands themselves (`?` toggles it), and what
 * the mouse does in this editor (`mouseHint`: each editor says its own).
 */
export function ShortcutsHelp({ commands, mouseHint, onClose }: { commands: readonly Command[]; mouseHint: string; onClose(): void }) {
  useEffect(() => {
    // Escape closes the panel before it can reach the editor (where it would deselect).
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== 'Escape' && event.key !== '?') return;
      event.preventDefault();
      event.stopImmediatePropagation();
      onClose();
    };
    window.addEventListener('keydown', onKey, { capture: true });
    return () => window.removeEventListener('keydown', onKey, { capture: true });
  }, [onClose]);
  const groups = [...new Set(commands.map((c) => c.group))];
  return (
    <div className="modal-backdrop" onClick={onClose}>
      <div className="modal shortcuts" role="dialog" aria-modal="true" aria-labelledby="shortcuts-title" onClick={(e) => e.stopPropagation()}>
        <div className="modal-header">
          <h2 id="shortcuts-title">Keyboard shortcuts</h2>
          <button type="button" className="icon-button" aria-label="Close" onClick={onClose}>
            ×
          </button>
        </div>
        <div className="shortcut-groups">
          {groups.map((group) => (
            <section key={group}>
              <h3>{group}</h3>
              <dl>
                {commands
                  .filter((c) => c.group === group)
                  .map((c) => (
                    <div key={c.id} className="shortcut">
                      <dt>
                        {c.keys.map((k) => (
                          <kbd key={k}>{displayChord(k)}</kbd>
                        ))}
                      </dt>
                      <dd>{c.title}</dd>
                    </div>
                  ))}
              </dl>
            </section>
          ))}
        </div>
        <p className="hint" data-testid="mouse-hint">
          Mouse: {mouseHint}
        </p>
      </div>
    </div>
  );
}
