import { useEffect, useRef, useState } from 'react';
import { DISAGREEMENT_TYPES } from '../../shared/disagreement/types';
import type { GuidelineDraft, GuidelineExample } from '../../shared/domain/guideline';
import { guidelineSections } from '../../shared/guideline/sections';
import { api } from '../api/api';
import { reportError } from '../stores/notices';
import { ExampleCard } from './ExampleCard';
import { GuidelineView } from './GuidelineView';
import { PublishDialog } from './PublishDialog';

/** Saves this long after the last keystroke. */
const SAVE_DELAY_MS = 600;

/**
 * The draft of the next version: Markdown on the left, the guideline as labelers will see it on
 * the right, cases attached from review to place in a section as a "do" or a "don't", and
 * publishing. Every change is saved as a new draft revision.
 */
export function DraftEditor({ onPublished }: { onPublished(version: number): void }) {
  const [draft, setDraft] = useState<GuidelineDraft | null>(null);
  const [body, setBody] = useState('');
  const [saveState, setSaveState] = useState<'saved' | 'pending' | 'saving'>('saved');
  const [publishing, setPublishing] = useState(false);
  const [currentVersion, setCurrentVersion] = useState(0);
  const revision = useRef(0);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  /** Text typed but not yet sent: leaving the draft (or the page) sends it. */
  const pending = useRef<string | null>(null);

  const adopt = (next: GuidelineDraft) => {
    revision.current = next.revision;
    setDraft(next);
  };

  // One save at a time, each based on the revision the last one returned.
  const saving = useRef<Promise<void>>(Promise.resolve());
  const save = (bodyMd: string): Promise<void> => {
    pending.current = null;
    saving.current = saving.current.then(async () => {
      setSaveState('saving');
      try {
        adopt(await api.call('guidelines.saveDraft', { bodyMd, baseRevision: revision.current }));
        setSaveState('saved');
      } catch (error) {
        setSaveState('pending');
        reportError(error);
      }
    });
    return saving.current;
  };
  const onType = (text: string) => {
    setBody(text);
    setSaveState('pending');
    pending.current = text;
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(() => void save(text), SAVE_DELAY_MS);
  };
  const flush = async () => {
    if (timer.current) clearTimeout(timer.current);
    if (pending.current !== null) await save(pending.current);
    await saving.current;
  };

  useEffect(() => {
    api.call('guidelines.draft').then((loaded) => {
      adopt(loaded);
      setBody(loaded.bodyMd);
    }, reportError);
    api.call('guidelines.current').then((current) => setCurrentVersion(current.version), reportError);
    const sendPending = () => {
      if (timer.current) clearTimeout(timer.current);
      if (pending.current !== null) void save(pending.current);
    };
    window.addEventListener('pagehide', sendPending);
    return () => {
      window.removeEventListener('pagehide', sendPending);
      sendPending();
    };
    // Mounted once per draft view; `save` only touches refs and state setters.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  if (!draft) return <div className="empty">Opening the draft…</div>;
  const sections = guidelineSections(body);
  const unplaced = draft.examples.filter((example) => !sections.some((section) => section.anchor === example.section));
  const update = (id: number, change: { section?: string; polarity?: 'do' | 'dont'; caption?: string }) =>
    api.call('guidelines.updateExample', { id, ...change }).then(adopt, reportError);
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
      <button type="button" onClick={() => api.call('guidelines.removeExample', { id: example.id }).then(adopt, reportError)}>
        Remove
      </button>
    </div>
  );

  return (
    <div className="draft-editor">
      <div className="draft-bar">
        <strong>Draft of v{currentVersion + 1}</strong>
        <span className="muted" data-testid="draft-status">
          {saveState === 'saved' ? `Saved · revision ${draft.revision}` : saveState === 'saving' ? 'Saving…' : 'Unsaved changes'}
        </span>
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
          draft={{ ...draft, bodyMd: body }}
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
