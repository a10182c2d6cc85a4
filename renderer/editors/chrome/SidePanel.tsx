import type { ReactNode } from 'react';
import type { AnnotationPayload } from '../../../shared/annotation/payload';
import { currentTagNames, offeredTags } from '../../../shared/domain/taxonomy';
import type { ProjectSummary } from '../../../shared/domain/project';
import { useQuery } from '../../api/use-query';
import { onDemand } from '../../ui/on-demand';
import { QueryError } from '../../ui/QueryError';
import { SampleComments } from '../../comments/SampleComments';
import { useSessionView, type EditorSession } from '../editor-session';
import { setComment, setMediaBroken, setUnsure, toggleTag } from './payload-edits';
import './side-panel.css';

interface SidePanelProps<Payload extends AnnotationPayload> {
  session: EditorSession<Payload>;
  project: ProjectSummary;
  /** The editor's own flags ("no objects", "no speech"), shown first. */
  kindFlags: ReactNode;
  children?: ReactNode;
}

/** What a labeler needs beside the media: the sample's flags and tags, its comment threads, and the guideline. */
export function SidePanel<Payload extends AnnotationPayload>({ session, project, kindFlags, children }: SidePanelProps<Payload>) {
  const payload = useSessionView(session, (v) => v.payload);
  const edit = session.edit;
  const readOnly = useSessionView(session, (v) => v.readOnly !== null);
  const sampleId = useSessionView(session, (v) => v.sample?.id ?? null);
  if (!payload) return <aside className="side-panel" aria-label="Sample details" />;
  // By the tag, not the name: a draft begun before a rename holds the tag's old name.
  const given = new Set(payload.tags.map(currentTagNames(project.tags)));

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
            {offeredTags(project.tags, payload.tags).map((tag) => (
              <button
                key={tag.id}
                type="button"
                className={`chip ${given.has(tag.name) ? 'chip-on' : ''}`}
                aria-pressed={given.has(tag.name)}
                disabled={readOnly}
                onClick={() => edit((p) => toggleTag(p, tag))}
              >
                {tag.name}
                {tag.retired && <span className="muted"> (retired)</span>}
                {tag.hotkey && <kbd>{tag.hotkey.toUpperCase()}</kbd>}
              </button>
            ))}
          </div>
        )}
      </section>
      {children}
      {sampleId !== null && <SampleComments key={sampleId} sampleId={sampleId} readOnly={readOnly} />}
      <GuidelinePanel />
    </aside>
  );
}

/** The guideline's Markdown renderer is its own chunk: the editor shows without waiting for it. */
const GuidelineView = onDemand(() => import('../../guidelines/GuidelineView').then((m) => m.GuidelineView));

function GuidelinePanel() {
  const { data: guideline, error, refresh } = useQuery('guidelines.current', undefined, { refreshOn: ['guideline.published'] });
  return (
    <section className="guideline-panel">
      <details open>
        <summary>
          <h3>Guideline {guideline ? `v${guideline.version}` : ''}</h3>
        </summary>
        <QueryError error={error} what="read the guideline" onRetry={() => void refresh()} />
        {guideline && (
          <GuidelineView
            loading={
              <p className="muted" role="status">
                Loading the guideline…
              </p>
            }
            bodyMd={guideline.bodyMd}
            examples={guideline.examples}
          />
        )}
      </details>
    </section>
  );
}
