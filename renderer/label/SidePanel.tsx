import { useEffect, useState, type ReactNode } from 'react';
import type { PublishedGuideline } from '../../shared/domain/guideline';
import type { ProjectSummary } from '../../shared/domain/project';
import { api } from '../api/api';
import { GuidelineView } from '../guidelines/GuidelineView';
import { reportError } from '../stores/notices';
import { useLabelStore } from './label-store';
import { setComment, setMediaBroken, setUnsure, toggleTag } from './payload-edits';

/** What a labeler needs beside the media: the sample's flags and tags, and the guideline. */
export function SidePanel({ project, kindFlags, children }: { project: ProjectSummary; kindFlags: ReactNode; children?: ReactNode }) {
  const current = useLabelStore((s) => s.current);
  const edit = useLabelStore((s) => s.edit);
  const readOnly = useLabelStore((s) => s.source?.readOnly ?? false);
  if (!current) return <aside className="side-panel" aria-label="Sample details" />;
  const payload = current.history.present;

  return (
    <aside className="side-panel" aria-label="Sample details">
      <section>
        <h3>Flags</h3>
        {kindFlags}
        <label className="checkbox">
          <input type="checkbox" disabled={readOnly} checked={payload.flags.unsure} onChange={(e) => edit((p) => setUnsure(p, e.target.checked))} /> Unsure{' '}
          <kbd>Shift+U</kbd>
        </label>
        {payload.flags.unsure && (
          <textarea
            aria-label="What are you unsure about?"
            placeholder="What are you unsure about? (Ctrl+Enter submits)"
            value={payload.flags.comment}
            onChange={(e) => edit((p) => setComment(p, e.target.value), 'comment')}
            rows={3}
            readOnly={readOnly}
          />
        )}
        <label className="checkbox">
          <input type="checkbox" disabled={readOnly} checked={payload.flags.mediaBroken} onChange={(e) => edit((p) => setMediaBroken(p, e.target.checked))} />{' '}
          Media is broken
        </label>
      </section>
      <section>
        <h3>Tags</h3>
        {project.tags.length === 0 ? (
          <p className="hint">This project has no tags.</p>
        ) : (
          <div className="tag-toggles" role="group" aria-label="Tags">
            {project.tags.map((tag) => (
              <button
                key={tag.id}
                type="button"
                className={`chip ${payload.tags.includes(tag.name) ? 'chip-on' : ''}`}
                aria-pressed={payload.tags.includes(tag.name)}
                disabled={readOnly}
                onClick={() => edit((p) => toggleTag(p, tag.name))}
              >
                {tag.name}
                {tag.hotkey && <kbd>{tag.hotkey.toUpperCase()}</kbd>}
              </button>
            ))}
          </div>
        )}
      </section>
      {children}
      <GuidelinePanel />
    </aside>
  );
}

function GuidelinePanel() {
  const [guideline, setGuideline] = useState<PublishedGuideline | null>(null);
  useEffect(() => {
    const load = () => api.call('guidelines.current').then(setGuideline, reportError);
    void load();
    return api.on('guideline.published', () => void load());
  }, []);
  return (
    <section className="guideline-panel">
      <details open>
        <summary>
          <h3>Guideline {guideline ? `v${guideline.version}` : ''}</h3>
        </summary>
        {guideline && <GuidelineView bodyMd={guideline.bodyMd} examples={guideline.examples} />}
      </details>
    </section>
  );
}
