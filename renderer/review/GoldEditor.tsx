import { useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import type { ReviewSample } from '../../shared/domain/gold';
import type { ProjectSummary } from '../../shared/domain/project';
import { api } from '../api/api';
import { ProjectEditor } from '../editors/ProjectEditor';
import { appNotices } from '../label/app-session-host';
import { labelSessionHost } from '../label/label-editor-session';
import { reportError } from '../stores/notices';
import type { DecisionNote } from './DecisionPanel';
import { createGoldLabelStore } from './gold-label-store';
import { goldSource } from './gold-source';

interface GoldEditorProps {
  project: ProjectSummary;
  review: ReviewSample;
  displayName: string;
  note: DecisionNote;
  onNote(note: DecisionNote): void;
  onDone(decided: boolean): void;
  /** Shown under the bar (another SME decided this sample meanwhile). */
  notice?: ReactNode;
}

/**
 * The normal editor, on the sample's gold label: it starts from the SME's draft, the current
 * decision or the consensus, autosaves as a draft, and Enter (or the button) decides with it.
 */
export function GoldEditor({ project, review, displayName, note, onNote, onDone, notice }: GoldEditorProps) {
  // Its own store, not the labeler's queue: each can be open while the other is.
  const [store] = useState(createGoldLabelStore);
  const host = useMemo(() => labelSessionHost(store, appNotices), [store]);
  // The source reads the newest note and callback at decision time, not the first render's.
  const noteRef = useRef(note);
  const doneRef = useRef(onDone);
  useEffect(() => {
    noteRef.current = note;
    doneRef.current = onDone;
  });

  useEffect(() => {
    const source = goldSource(
      api,
      review,
      displayName,
      () => ({ reason: noteRef.current.reason, guidelineRule: noteRef.current.guidelineRule.trim() || null }),
      () => doneRef.current(true),
    );
    store.getState().start(source, project.kind).catch(reportError);
    return () => void store.getState().stop().catch(reportError);
    // One editing session per sample and decision: a new review object restarts it.
  }, [store, review, displayName, project.kind]);

  return (
    <div className="gold-editor">
      <div className="gold-editor-bar">
        <strong>Editing the gold label of {displayName}</strong>
        <input aria-label="Reason" value={note.reason} placeholder="Reason" onChange={(e) => onNote({ ...note, reason: e.target.value })} />
        <input
          aria-label="Guideline rule"
          value={note.guidelineRule}
          placeholder="#rule"
          onChange={(e) => onNote({ ...note, guidelineRule: e.target.value })}
        />
        <button type="button" className="primary" onClick={() => store.getState().submit().catch(reportError)}>
          Decide with this label (Enter)
        </button>
        <button
          type="button"
          onClick={() =>
            store
              .getState()
              .flush()
              .then(() => onDone(false), reportError)
          }
        >
          Back to review
        </button>
      </div>
      {notice}
      <ProjectEditor project={project} host={host} />
    </div>
  );
}
