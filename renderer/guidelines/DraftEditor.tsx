import { useEffect, useState } from 'react';
import { useStore } from 'zustand';
import { DISAGREEMENT_TYPES } from '../../shared/disagreement/types';
import type { GuidelineExample } from '../../shared/domain/guideline';
import { guidelineSections } from '../../shared/guideline/sections';
import { api } from '../api/api';
import type { AutosaveStatus } from '../autosave/autosaver';
import { SaveProblem } from '../autosave/SaveProblem';
import { useQuery } from '../api/use-query';
import { reportError } from '../stores/notices';
import { ActionError, useActionError } from '../ui/ActionError';
import { QueryError } from '../ui/QueryError';
import { DraftSession, type ExampleChange } from './draft-session';
import { ExampleCard } from './ExampleCard';
import { GuidelineView } from './GuidelineView';
import { PublishDialog } from './PublishDialog';

/**
 * The draft of the next version: Markdown on the left, the guideline as labelers will see it on
 * the right, cases attached from review to place in a section as a "do" or a "don't", and
 * publishing. Every change is saved as a new draft revision.
 */
export function DraftEditor({ onPublished }: { onPublished(version: number): void }) {
  const session = useDraftSession();
  const draft = useStore(session.view, (s) => s.draft);
  const body = useStore(session.view, (s) => s.body);
  const saveStatus = useStore(session.view, (s) => s.save);
  const setAside = useStore(session.view, (s) => s.setAside);
  const loadError = useStore(session.view, (s) => s.loadError);
  const [publishing, setPublishing] = useState(false);
  // A refused change to a case, or a draft that could not be sent before publishing: said under the draft's bar.
  const failure = useActionError();
  const current = useQuery('guidelines.current', undefined, { refreshOn: ['guideline.published'] });
  const currentVersion = current.data?.version ?? 0;

  if (!draft) return <div className="empty">{loadError ? `The draft could not be opened: ${loadError}` : 'Opening the draft…'}</div>;
  const sections = guidelineSections(body);
  const unplaced = draft.examples.filter((example) => !sections.some((section) => section.anchor === example.section));
  const update = (id: number, change: ExampleChange) => failure.run(() => session.updateExample(id, change));
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
      <button type="button" onClick={() => void failure.run(() => session.removeExample(example.id))}>
        Remove
      </button>
    </div>
  );

  return (
    <div className="draft-editor">
      <div className="draft-bar">
        <strong>Draft of v{currentVersion + 1}</strong>
        <QueryError error={current.error} what="read the published version" onRetry={() => void current.refresh()} />
        <DraftStatus status={saveStatus} session={session} />
        {draft.addresses.length > 0 && <span className="muted">Addresses: {draft.addresses.map((type) => DISAGREEMENT_TYPES[type].label).join(', ')}</span>}
        <button
          type="button"
          className="primary"
          onClick={() =>
            void failure.run(async () => {
              await session.flush();
              setPublishing(true);
            })
          }
        >
          Publish v{currentVersion + 1}…
        </button>
      </div>
      <ActionError error={failure.error} fields={{ section: 'Section', caption: 'Caption' }} onDismiss={failure.clear} />
      <div className="draft-panes">
        <label className="draft-source">
          <span className="muted">Markdown · name a section&apos;s anchor with {'{#anchor}'} after its heading</span>
          <textarea aria-label="Guideline draft" value={body} onChange={(e) => session.type(e.target.value)} spellCheck />
        </label>
        <div className="draft-preview" aria-label="Preview">
          <GuidelineView bodyMd={body} examples={draft.examples} controls={controls} />
        </div>
      </div>
      {setAside !== null && <SetAsideText text={setAside} onDismiss={() => session.dismissSetAside()} />}
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

/** The draft session, open for as long as the editor is on screen and closed (after saving) when it goes. */
function useDraftSession(): DraftSession {
  const [session] = useState(() => new DraftSession(api));
  useEffect(() => {
    session.begin().catch(reportError);
    // Text typed but not yet sent goes when the draft (or the page) is left.
    const sendPending = () => void session.flush().catch(reportError);
    window.addEventListener('pagehide', sendPending);
    return () => {
      window.removeEventListener('pagehide', sendPending);
      session.close().catch(reportError);
    };
  }, [session]);
  return session;
}

/** Whether the draft on screen is the one saved, and at which revision; after a conflict, the way to the version saved elsewhere. */
function DraftStatus({ status, session }: { status: AutosaveStatus; session: DraftSession }) {
  if (status.phase === 'error' || status.phase === 'conflict') {
    return (
      <span className="muted" data-testid="draft-status" data-phase={status.phase} data-revision={status.revision ?? ''} role="alert">
        <SaveProblem status={status} onRetry={() => void session.flush().catch(reportError)} onReload={() => void session.reload().catch(reportError)} />
      </span>
    );
  }
  const text =
    status.phase === 'saved' || status.phase === 'idle' ? `Saved · revision ${status.revision}` : status.phase === 'saving' ? 'Saving…' : 'Unsaved changes';
  return (
    <span className="muted" data-testid="draft-status" data-phase={status.phase} data-revision={status.revision ?? ''}>
      {text}
    </span>
  );
}

/** The text a reload replaced, shown until dismissed, for the person to copy back what they still want. */
function SetAsideText({ text, onDismiss }: { text: string; onDismiss(): void }) {
  return (
    <section className="draft-set-aside" aria-label="Your text that was not saved">
      <p>The draft was saved elsewhere, so your text below was not saved. The draft above is the version saved there: copy from yours what you still want.</p>
      <textarea aria-label="Your unsaved text" value={text} readOnly rows={6} />
      <button type="button" onClick={onDismiss}>
        Dismiss
      </button>
    </section>
  );
}
