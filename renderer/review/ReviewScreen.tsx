import { useEffect, useState } from 'react';
import { DISAGREEMENT_TYPES, type Disagreement, type DisagreementType } from '../../shared/disagreement/types';
import type { ProjectSummary } from '../../shared/domain/project';
import { api } from '../api/api';
import { useQuery } from '../api/use-query';
import { reportError, useNotices } from '../stores/notices';
import { useProjectStore } from '../stores/project-store';
import { CalibrationBadge, useCalibrationSamples } from '../ui/calibration';
import { useReadOnly } from '../ui/read-only';
import { onDemand } from '../ui/on-demand';
import { QueryError } from '../ui/QueryError';
import { ClassifyingNote } from '../ui/ClassifyingNote';
import { BoxReview } from './BoxReview';
import { DecidedElsewhereNote, useAnnouncedDecision, useDecidedByOther } from './decided-elsewhere';
import { DecisionPanel, type DecisionNote } from './DecisionPanel';
import { labelerNamer } from './labeler-names';
import { ReviewQueuePanel } from './ReviewQueuePanel';
import { useReviewStore } from './review-store';
import { TranscriptReview } from './TranscriptReview';
import { SampleComments } from '../comments/SampleComments';
import '../ui/side-layout.css';
import './review.css';

/**
 * The gold label's editor is the label screen's (Konva, wavesurfer, the guideline's Markdown):
 * fetched once a sample is chosen, so the queue's first row waits for none of it.
 */
const GoldEditor = onDemand(() => import('./GoldEditor').then((m) => m.GoldEditor));
const editorLoading = (
  <div className="area-loading" role="status">
    Loading the editor…
  </div>
);

/**
 * Where SMEs resolve disagreements: the queue ranked by severity with what kinds of
 * disagreement dominate, the evidence of one sample, and the decision on its gold label.
 */
export function ReviewScreen({ project }: { project: ProjectSummary }) {
  const queue = useReviewStore((s) => s.queue);
  const error = useReviewStore((s) => s.error);
  const load = useReviewStore((s) => s.load);
  const open = useReviewStore((s) => s.open);
  useEffect(() => {
    void open();
  }, [open]);
  // Another SME's decision (in this server process or another) changes a row: read the queue again.
  useEffect(() => api.on('review.decided', () => void load()), [load]);
  // Samples classified in the background (about once a second, and when it ends): the queue fills in.
  useEffect(() => api.on('review.classifying', () => void load()), [load]);

  if (error) return <div className="empty">{error}</div>;
  if (!queue) return <div className="empty">Finding disagreements…</div>;
  if (queue.all === 0 && queue.classifying)
    return (
      <div className="empty review-screen-empty">
        <ClassifyingNote progress={queue.classifying} meanwhile="Disagreements show here as they are found." />
      </div>
    );
  if (queue.all === 0) return <div className="empty">No disagreements: every sample labeled by two or more labelers agrees.</div>;
  return (
    <div className="side-layout review-screen">
      <ReviewQueuePanel project={project} />
      <ReviewSampleView project={project} />
    </div>
  );
}

function ReviewSampleView({ project }: { project: ProjectSummary }) {
  const selectedId = useReviewStore((s) => s.selectedId);
  if (selectedId === null) return <div className="empty">Choose a sample from the queue.</div>;
  // A new sample starts fresh: no editor open, no half-written note from the last one.
  return <SelectedSample key={selectedId} project={project} sampleId={selectedId} />;
}

function SelectedSample({ project, sampleId }: { project: ProjectSummary; sampleId: number }) {
  const item = useReviewStore((s) => s.queue?.items.find((i) => i.sampleId === sampleId));
  const hideNames = useReviewStore((s) => s.hideNames);
  const setHideNames = useReviewStore((s) => s.setHideNames);
  const reloadQueue = useReviewStore((s) => s.load);
  const labelers = useProjectStore((s) => s.labelers);
  const { data: sample, error: sampleError } = useQuery('samples.get', { sampleId });
  const { data: review, error: reviewError, refresh: reloadReview } = useQuery('review.sample', { sampleId });
  const error = sampleError ?? reviewError;
  const [editing, setEditing] = useState(false);
  const [note, setNote] = useState<DecisionNote>({ reason: '', guidelineRule: '' });
  const calibration = useCalibrationSamples();
  const readOnly = useReadOnly();
  const announced = useAnnouncedDecision(sampleId, editing, reloadReview);
  const decidedByOther = useDecidedByOther(review);
  // Deciding by editing starts here: its code arrives while the SME reads the evidence.
  useEffect(() => GoldEditor.preload(), []);

  if (error) {
    return (
      <div className="empty">
        <QueryError error={error} what={`open sample ${sampleId}`} />
      </div>
    );
  }
  if (!review || !sample || review.sampleId !== sample.id) return <div className="empty">Loading…</div>;
  const name = labelerNamer(
    review.annotations.map((a) => a.labelerId),
    labelers,
    hideNames,
  );
  const deciderName = (id: number | null) => (id === null ? 'Concord' : (labelers.find((l) => l.id === id)?.name ?? `#${id}`));
  // A decision changes the sample's history and its row in the queue.
  const done = () => Promise.all([reloadQueue(), reloadReview()]);

  if (editing) {
    const known = review.decision?.revision ?? 0;
    return (
      <GoldEditor
        loading={editorLoading}
        project={project}
        review={review}
        displayName={sample.displayName}
        note={note}
        onNote={setNote}
        notice={announced !== null && announced > known && <DecidedElsewhereNote revision={announced} by={null} />}
        onDone={(decided) => {
          setEditing(false);
          if (decided) setNote({ reason: '', guidelineRule: '' });
          void done();
        }}
      />
    );
  }
  return (
    <section className="review-sample" aria-label={`Review of ${sample.displayName}`}>
      <header className="review-sample-header">
        <h1>{sample.displayName}</h1>
        {item && <span className="muted">disagreement {item.severity.toFixed(2)}</span>}
        {calibration.has(review.sampleId) && <CalibrationBadge />}
        <button
          type="button"
          disabled={readOnly !== null}
          title={readOnly ?? undefined}
          onClick={() => attachToDraft(review.sampleId, [...new Set(review.disagreements.map((d) => d.type))]).catch(reportError)}
        >
          Add to the guideline draft
        </button>
        <label className="checkbox">
          <input type="checkbox" checked={hideNames} onChange={(e) => setHideNames(e.target.checked)} />
          Hide labeler names
        </label>
      </header>
      {decidedByOther && <DecidedElsewhereNote revision={decidedByOther.revision} by={deciderName(decidedByOther.decidedBy)} />}
      <div className="review-body">
        <div className="review-evidence">
          {project.kind === 'bbox' ? (
            <BoxReview project={project} sample={sample} review={review} name={name} />
          ) : (
            <TranscriptReview sample={sample} review={review} name={name} />
          )}
          <ul className="disagreement-list" aria-label="Disagreements">
            {review.disagreements.map((d, index) => (
              <li key={index} data-type={d.type}>
                <span className={`type-chip type-${d.type}`}>{DISAGREEMENT_TYPES[d.type].label}</span> {describe(d, name)}
              </li>
            ))}
          </ul>
        </div>
        <div className="review-side">
          <DecisionPanel
            key={review.sampleId}
            review={review}
            name={name}
            deciderName={deciderName}
            note={note}
            onNote={setNote}
            onDecided={() => void done()}
            onEdit={() => setEditing(true)}
          />
          <SampleComments sampleId={review.sampleId} readOnly={readOnly !== null} />
        </div>
      </div>
    </section>
  );
}

/** One disagreement in words, naming who did what. */
function describe(d: Disagreement, name: (labelerId: number) => string): string {
  if (d.type === 'missing_object') {
    const [drew, missed] = d.boxesA.length > 0 ? [d.labelerA, d.labelerB] : [d.labelerB, d.labelerA];
    return `${name(drew)} boxed it, ${name(missed)} did not`;
  }
  const texts = d.textA || d.textB ? ` “${d.textA || '∅'}” / “${d.textB || '∅'}”` : '';
  return `${name(d.labelerA)} / ${name(d.labelerB)}${texts} · ${d.detail}`;
}

/** Attaches this case to the guideline draft (to place there as a "do" or a "don't") and says so. */
async function attachToDraft(sampleId: number, types: DisagreementType[]): Promise<void> {
  await api.call('guidelines.attachCases', { sampleIds: [sampleId], addresses: types });
  useNotices.getState().show('info', 'Added to the guideline draft: place it under its rule in Guidelines.');
}
