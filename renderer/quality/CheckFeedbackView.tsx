import { useEffect, useRef, useState } from 'react';
import { percent } from '../../shared/agreement';
import type { AnnotationPayload } from '../../shared/annotation/payload';
import { DISAGREEMENT_TYPES } from '../../shared/disagreement/types';
import { useQuery } from '../api/use-query';
import { useLabelStore } from '../label/label-store';
import { reportError } from '../stores/notices';
import { useProjectStore } from '../stores/project-store';
import './quality.css';

/**
 * What a labeler sees of gold checks: while qualifying, a note saying so; after submitting a
 * check (when the SME enabled feedback), the gold label beside their own, the guideline section
 * that decides it and the differences by name. A lesson on the rule, not a score.
 */
export function LabelerQualityNotes({ labelerId }: { labelerId: number }) {
  const lastSubmitted = useLastSubmitted();
  return (
    <>
      <QualificationNote labelerId={labelerId} />
      {lastSubmitted !== null && <CheckFeedbackView key={lastSubmitted} labelerId={labelerId} sampleId={lastSubmitted} />}
    </>
  );
}

/** The sample this labeler most recently submitted in this session (its status turned to submitted). */
function useLastSubmitted(): number | null {
  const queue = useLabelStore((s) => s.queue);
  const before = useRef(new Map<number, string>());
  const [last, setLast] = useState<number | null>(null);
  useEffect(() => {
    for (const item of queue.items) {
      const was = before.current.get(item.sampleId);
      if (was !== undefined && was !== 'submitted' && item.status === 'submitted') setLast(item.sampleId);
      before.current.set(item.sampleId, item.status);
    }
  }, [queue]);
  return last;
}

function QualificationNote({ labelerId }: { labelerId: number }) {
  const { data } = useQuery('gold.qualification', { labelerId }, { refreshOn: ['agreement.changed'], onError: reportError });
  if (!data || data.state === 'not-required' || data.state === 'passed') return null;
  return (
    <div className="card qualification-note" role="status" data-testid="qualification-note" data-state={data.state}>
      {data.state === 'in-progress'
        ? `Qualification: label these ${data.attempt?.sampleIds.length ?? ''} samples first. Your work opens once they agree with the SMEs' decisions.`
        : `Qualification: ${percent(data.attempt?.score ?? null)} agreed with the SMEs' decisions, below the threshold. An SME will go through it with you and open it again.`}
    </div>
  );
}

function CheckFeedbackView({ labelerId, sampleId }: { labelerId: number; sampleId: number }) {
  const { data: feedback } = useQuery('gold.feedback', { labelerId, sampleId });
  const classes = useProjectStore((s) => s.project?.classes ?? []);
  const [open, setOpen] = useState(true);
  if (!feedback || !open) return null;
  const describe = (payload: AnnotationPayload) =>
    payload.kind === 'bbox'
      ? payload.noObjects
        ? 'nothing to box'
        : payload.boxes
            .map(
              (b) =>
                `${classes.find((c) => c.id === b.classId)?.name ?? 'box'} ${Math.round(b.x2 - b.x1)}×${Math.round(b.y2 - b.y1)} at (${Math.round(b.x1)}, ${Math.round(b.y1)})`,
            )
            .join('; ')
      : payload.noSpeech
        ? 'no speech'
        : payload.segments.map((s) => s.text).join(' ');
  return (
    <div className="modal-backdrop">
      <div className="modal card check-feedback" role="dialog" aria-modal="true" aria-labelledby="feedback-title" data-sample-id={sampleId}>
        <h2 id="feedback-title">How the guideline decides this one</h2>
        <div className="side-by-side">
          <div>
            <h3>The SMEs' label</h3>
            <p data-testid="feedback-gold">{describe(feedback.gold)}</p>
          </div>
          <div>
            <h3>Yours</h3>
            <p data-testid="feedback-mine">{describe(feedback.mine)}</p>
          </div>
        </div>
        {feedback.differences.length === 0 ? (
          <p data-testid="feedback-differences">Your label matches it.</p>
        ) : (
          <ul aria-label="What differs" data-testid="feedback-differences">
            {feedback.differences.map((d, i) => (
              <li key={i}>
                <strong>{DISAGREEMENT_TYPES[d.type].label}</strong> {d.detail && <span className="muted">({d.detail})</span>}
              </li>
            ))}
          </ul>
        )}
        {feedback.rule ? (
          <div>
            <h3>
              Guideline v{feedback.guidelineVersion}: {feedback.rule.title}
            </h3>
            <div className="rule-text" data-testid="feedback-rule">
              {/* The title is shown above: the section's own text follows its heading line. */}
              {feedback.rule.markdown.split('\n').slice(1).join('\n').trim()}
            </div>
          </div>
        ) : (
          <p className="muted">The decision cites no section of the guideline.</p>
        )}
        <div className="modal-actions">
          <button type="button" className="primary" autoFocus onClick={() => setOpen(false)}>
            Go on
          </button>
        </div>
      </div>
    </div>
  );
}
