import { useEffect, useState } from 'react';
import { DISAGREEMENT_TYPES } from '../../shared/disagreement/types';
import type { GuidelineDraft, GuidelineExample } from '../../shared/domain/guideline';
import { guidelineSections } from '../../shared/guideline/sections';
import { api } from '../api/api';
import { Autosaver, type AutosaveStatus } from '../autosave/autosaver';
import { useQuery } from '../api/use-query';
import { useAutosaveStatus } from '../autosave/use-autosave-status';
import { reportError } from '../stores/notices';
import { QueryError } from '../ui/QueryError';
import { ExampleCard } from './ExampleCard';
import { GuidelineView } from './GuidelineView';
import { PublishDialog } from './PublishDialog';

/** Saves this long after the last keystroke... */
const SAVE_DELAY_MS = 600;
/** ...and at least this often while typing goes on. */
const SAVE_MAX_WAIT_MS = 3000;

/**
 * The draft of the next version: Markdown on the left, the guideline as labelers will see it on
 * the right, cases attached from review to place in a section as a "do" or a "don't", and
 * publishing. Every change is saved as a new draft revision.
 */
export function DraftEditor({ onPublished }: { onPublished(version: number): void }) {
  const [draft, setDraft] = useState<GuidelineDraft | null>(null);
  const [body, setBody] = useState('');
  const [saver, setSaver] = useState<Autosaver<string, GuidelineDraft> | null>(null);
  const saveStatus = useAutosaveStatus(saver);
  const [publishing, setPublishing] = useState(false);
  const current = useQuery('guidelines.current', undefined, { refreshOn: ['guideline.published'] });
  const currentVersion = current.data?.version ?? 0;

  const onType = (text: string) => {
    setBody(text);
    saver?.change(text);
  };
  const flush = () => saver?.flush() ?? Promise.resolve();

  // Opening the draft starts its editing session (its autosaver), so it is not a query that refreshes.
  useEffect(() => {
    let open = true;
    let draftSaver: Autosaver<string, GuidelineDraft> | null = null;
    api.call('guidelines.draft').then((loaded) => {
      if (!open) return;
      setDraft(loaded);
      setBody(loaded.bodyMd);
      // Each save is based on the revision the last one returned; a save from elsewhere in between is a conflict.
      draftSaver = new Autosaver<string, GuidelineDraft>({
        content: loaded.bodyMd,
        revision: loaded.revision,
        save: (bodyMd, baseRevision) => api.call('guidelines.saveDraft', { bodyMd, baseRevision: baseRevision ?? 0 }),
        onSaved: setDraft,
        delayMs: SAVE_DELAY_MS,
        maxWaitMs: SAVE_MAX_WAIT_MS,
      });
      setSaver(draftSaver);
    }, reportError);
    // Text typed but not yet sent goes when the draft (or the page) is left.
    const sendPending = () => void draftSaver?.flush().catch(reportError);
    window.addEventListener('pagehide', sendPending);
    return () => {
      open = false;
      window.removeEventListener('pagehide', sendPending);
      const leaving = draftSaver;
      leaving
        ?.flush()
        .catch(reportError)
        .finally(() => leaving.dispose());
    };
  }, []);

  if (!draft) return <div className="empty">Opening the draft…</div>;
  const sections = guidelineSections(body);
  const unplaced = draft.examples.filter((example) => !sections.some((section) => section.anchor === example.section));
  const update = (id: number, change: { section?: string; polarity?: 'do' | 'dont'; caption?: string }) =>
    api.call('guidelines.updateExample', { id, ...change }).then(setDraft, reportError);
  const controls = (example: GuidelineExample) => (
    <div className="case-controls">
      <select aria-label={`Section for ${example.sampleName}`} value={example.section} onChange={(e) => void update(example.id, { section: e.target.value })}>
        <option value="">Choose a section…</option>
        {sections.map((section) => (
          <option key={section.anchor} value={section.anchor}>
            {section.title} (#{section.anchor})
          </option>
        ))}
      </select>
      <select
        aria-label={`Do or don't for ${example.sampleName}`}
        value={example.polarity}
        onChange={(e) => void update(example.id, { polarity: e.target.value as 'do' | 'dont' })}
      >
        <option value="do">Do</option>
        <option value="dont">Don&apos;t</option>
      </select>
      <input
        aria-label={`Caption for ${example.sampleName}`}
        defaultValue={example.caption}
        placeholder="Caption"
        onBlur={(e) => void update(example.id, { caption: e.target.value })}
      />
      <button type="button" onClick={() => api.call('guidelines.removeExample', { id: example.id }).then(setDraft, reportError)}>
        Remove
      </button>
    </div>
  );

  return (
    <div className="draft-editor">
      <div className="draft-bar">
        <strong>Draft of v{currentVersion + 1}</strong>
        <QueryError error={current.error} what="read the published version" onRetry={() => void current.refresh()} />
        <DraftStatus status={saveStatus} />
        {draft.addresses.length > 0 && <span className="muted">Addresses: {draft.addresses.map((type) => DISAGREEMENT_TYPES[type].label).join(', ')}</span>}
        <button type="button" className="primary" onClick={() => flush().then(() => setPublishing(true), reportError)}>
          Publish v{currentVersion + 1}…
        </button>
      </div>
      <div className="draft-panes">
        <label className="draft-source">
          <span className="muted">Markdown · name a section&apos;s anchor with {'{#anchor}'} after its heading</span>
          <textarea aria-label="Guideline draft" value={body} onChange={(e) => onType(e.target.value)} spellCheck />
        </label>
        <div className="draft-preview" aria-label="Preview">
          <GuidelineView bodyMd={body} examples={draft.examples} controls={controls} />
        </div>
      </div>
      {unplaced.length > 0 && (
        <section className="cases" aria-label="Cases to place">
          <h3>Cases to place ({unplaced.length})</h3>
          <p className="muted">Attach each case to the section its rule is in, as a “do” or a “don&apos;t”. Cases left unplaced are not published.</p>
          <div className="guideline-examples">
            {unplaced.map((example) => (
              <ExampleCard key={example.id} example={example}>
                {controls(example)}
              </ExampleCard>
            ))}
          </div>
        </section>
      )}
      {publishing && (
        <PublishDialog
          draft={{ ...draft, bodyMd: body, revision: saveStatus.revision ?? draft.revision }}
          nextVersion={currentVersion + 1}
          onCancel={() => setPublishing(false)}
          onPublished={(version) => {
            setPublishing(false);
            onPublished(version);
          }}
        />
      )}
    </div>
  );
}

/** Whether the draft on screen is the one saved, and at which revision; after a conflict, that it is not. */
function DraftStatus({ status }: { status: AutosaveStatus }) {
  if (status.phase === 'error' || status.phase === 'conflict') {
    return (
      <span className="muted" data-testid="draft-status" role="alert">
        Not saved: {status.message}
      </span>
    );
  }
  const text =
    status.phase === 'saved' || status.phase === 'idle' ? `Saved · revision ${status.revision}` : status.phase === 'saving' ? 'Saving…' : 'Unsaved changes';
  return (
    <span className="muted" data-testid="draft-status">
      {text}
    </span>
  );
}
